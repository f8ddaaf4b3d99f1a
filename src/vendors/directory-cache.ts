import { Extension } from '../domain/call-session';
import { Caller } from '../upstream/caller';
import { SharedReads } from '../upstream/shared-reads';

/**
 * A vendor's extension directory, loaded whole and kept for a TTL in the account's shared reads: a page of
 * sessions naming many extensions costs at most one directory load when cold and none when warm. A failed
 * load is not cached.
 */
export class DirectoryCache {
  /** Lookup maps of the directory lists seen (a list from the store is indexed once). */
  private readonly indexes = new WeakMap<readonly Extension[], Map<string, Extension>>();

  constructor(
    private readonly reads: SharedReads,
    private readonly load: (caller: Caller) => Promise<Extension[]>,
    private readonly ttlMs: number,
  ) {}

  /** The whole directory. */
  all(caller: Caller): Promise<Extension[]> {
    return this.reads.read('directory', 'all', caller, this.load, { ttlMs: this.ttlMs });
  }

  async lookup(nativeIds: readonly string[], caller: Caller): Promise<Array<Extension | null>> {
    const list = await this.all(caller);
    let index = this.indexes.get(list);
    if (!index) this.indexes.set(list, (index = new Map(list.map((e) => [e.nativeId, e]))));
    return nativeIds.map((id) => index.get(id) ?? null);
  }
}
