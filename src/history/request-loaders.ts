import DataLoader from 'dataloader';
import { CallSession, Extension, SessionDetail } from '../domain/call-session';
import { Caller } from '../upstream/caller';
import { VendorAdapter } from '../vendors/adapter';
import { TenantScope, accountKey, findAdapter } from './call-history.service';

/**
 * DataLoaders of one request, one per vendor account and kind, created lazily. Never shared between
 * requests: a tenant's cache must not serve another tenant, and a request sees one consistent view.
 */
export class RequestLoaders {
  private readonly extensionLoaders = new Map<string, DataLoader<string, Extension | null>>();
  private readonly detailLoaders = new Map<string, DataLoader<CallSession, SessionDetail | null, string>>();

  constructor(
    private readonly scope: TenantScope,
    private readonly caller: Caller,
  ) {}

  /** The extension with this native id in this account; null when unknown or outside the tenant. */
  async extension(provider: string, account: string, nativeId: string): Promise<Extension | null> {
    const adapter = findAdapter(this.scope, provider, account);
    if (!adapter) return null;
    let loader = this.extensionLoaders.get(accountKey(adapter));
    if (!loader) {
      loader = new DataLoader<string, Extension | null>((ids) => orderedBatch(ids, adapter.getExtensions(ids, this.caller)), {
        maxBatchSize: adapter.extensionBatchSize,
      });
      this.extensionLoaders.set(accountKey(adapter), loader);
    }
    return loader.load(nativeId);
  }

  /** Legs and recordings of a session listed without them. */
  async detail(session: CallSession): Promise<SessionDetail | null> {
    if (session.detail) return session.detail;
    const adapter = findAdapter(this.scope, session.provider, session.account);
    if (!adapter) return null;
    return this.detailLoaderFor(adapter).load(session);
  }

  private detailLoaderFor(adapter: VendorAdapter): DataLoader<CallSession, SessionDetail | null, string> {
    let loader = this.detailLoaders.get(accountKey(adapter));
    if (!loader) {
      loader = new DataLoader<CallSession, SessionDetail | null, string>(
        (sessions) => orderedBatch(sessions, adapter.loadDetails(sessions, this.caller)),
        { maxBatchSize: adapter.detailBatchSize, cacheKeyFn: (s) => s.nativeId },
      );
      this.detailLoaders.set(accountKey(adapter), loader);
    }
    return loader;
  }
}

/** Checks an adapter kept its promise of one result per key, in order (DataLoader's contract). */
async function orderedBatch<K, V>(keys: readonly K[], results: Promise<V[]>): Promise<V[]> {
  const values = await results;
  if (values.length !== keys.length) throw new Error(`adapter returned ${values.length} results for ${keys.length} keys`);
  return values;
}
