import { AccountRef } from '../domain/call-session';
import { CacheStore } from '../upstream/cache-store';
import { Caller } from '../upstream/caller';
import { CacheObserver, SharedReads } from '../upstream/shared-reads';

/** Which scan asks for a page, and whether it must skip kept pages. */
export interface PageReader {
  readonly scanId: string;
  readonly fresh: boolean;
  readonly caller: Caller;
}

/**
 * Vendor list pages kept for a short time and shared by every walk: consecutive GraphQL pages of one walk,
 * whose cursors resume at the same vendor page of the same fixed window, read it once, and concurrent walks
 * share it too. Only mapped pages are kept, so a malformed answer never is. Each kept page remembers which
 * scan read it from the vendor, so the scan can tell a seam between pages read at different times.
 */
export class PageCache {
  private readonly byAccount = new Map<string, SharedReads>();

  constructor(
    private readonly store: CacheStore,
    private readonly ttlMs: number,
    private readonly observer?: CacheObserver,
  ) {}

  read<T>(account: AccountRef, key: string, reader: PageReader, load: (caller: Caller) => Promise<T>): Promise<{ value: T; readBy: string }> {
    return this.readsOf(account).read('list-page', key, reader.caller, async (caller) => ({ value: await load(caller), readBy: reader.scanId }), { fresh: reader.fresh });
  }

  private readsOf(account: AccountRef): SharedReads {
    const key = `${account.provider}/${account.account}`;
    let reads = this.byAccount.get(key);
    if (!reads) {
      reads = new SharedReads({ vendor: account.provider, account: account.account }, this.store, this.ttlMs, this.observer);
      this.byAccount.set(key, reads);
    }
    return reads;
  }
}
