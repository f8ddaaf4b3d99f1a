import DataLoader from 'dataloader';
import { CallSession, Extension, SessionDetail } from '../domain/call-session';
import { QueryTooExpensiveError } from '../domain/errors';
import { Caller } from '../upstream/caller';
import { RecordingFacts, VendorAdapter } from '../vendors/adapter';
import { TenantScope, accountKey, findAdapter } from './call-history.service';

/**
 * DataLoaders of one request, one per vendor account and kind, created lazily. Never shared between
 * requests: a tenant's cache must not serve another tenant, and a request sees one consistent view.
 */
export class RequestLoaders {
  private readonly extensionLoaders = new Map<string, DataLoader<string, Extension | null>>();
  private readonly detailLoaders = new Map<string, DataLoader<CallSession, SessionDetail | null, string>>();
  private readonly recordingLoaders = new Map<string, DataLoader<string, RecordingFacts | null>>();
  /** Recordings whose metadata this request asked for, and how many it may (limitRecordingReads). */
  private readonly recordingsAsked = new Set<string>();
  private recordingReadsAllowed = Number.POSITIVE_INFINITY;
  /** Extensions already loaded for this request, by "provider/account|id" (null: known to be absent). */
  private readonly knownExtensions = new Map<string, Extension | null>();

  constructor(
    private readonly scope: TenantScope,
    private readonly caller: Caller,
  ) {}

  /**
   * The extension with this native id in this account; null when unknown or outside the tenant. Answered
   * at once (not a promise) when prefetchExtensions already has it: a page's fields then resolve without
   * hundreds of promises (a warm page's profile had a fifth of its CPU in promise bookkeeping).
   */
  extension(provider: string, account: string, nativeId: string): Extension | null | Promise<Extension | null> {
    const adapter = findAdapter(this.scope, provider, account);
    if (!adapter) return null;
    const known = this.knownExtensions.get(`${accountKey(adapter)}|${nativeId}`);
    if (known !== undefined) return known;
    return this.extensionLoaderFor(adapter).load(nativeId);
  }

  /**
   * Loads every extension the sessions name (their own, their parties' and, where the detail is at hand, their
   * legs'), in one batch per account, so that `extension` answers them at once. A failure here is left to
   * the fields, which ask again and report it where it belongs.
   */
  async prefetchExtensions(sessions: readonly CallSession[]): Promise<void> {
    const byAccount = new Map<VendorAdapter, Set<string>>();
    for (const session of sessions) {
      const adapter = findAdapter(this.scope, session.provider, session.account);
      if (!adapter) continue;
      let ids = byAccount.get(adapter);
      if (!ids) byAccount.set(adapter, (ids = new Set()));
      const named = [session.extensionId, session.from.extensionId, session.to.extensionId, ...(session.detail?.legs ?? []).flatMap((leg) => [leg.extensionId, leg.from.extensionId, leg.to.extensionId])];
      for (const id of named) if (id !== null && !this.knownExtensions.has(`${accountKey(adapter)}|${id}`)) ids.add(id);
    }
    await Promise.all(
      [...byAccount].map(async ([adapter, ids]) => {
        const list = [...ids];
        const found = await this.extensionLoaderFor(adapter).loadMany(list);
        found.forEach((value, i) => {
          if (!(value instanceof Error)) this.knownExtensions.set(`${accountKey(adapter)}|${list[i]}`, value);
        });
      }),
    );
  }

  private extensionLoaderFor(adapter: VendorAdapter): DataLoader<string, Extension | null> {
    let loader = this.extensionLoaders.get(accountKey(adapter));
    if (!loader) {
      loader = new DataLoader<string, Extension | null>((ids) => orderedBatch(ids, adapter.getExtensions(ids, this.caller)), {
        maxBatchSize: adapter.extensionBatchSize,
      });
      this.extensionLoaders.set(accountKey(adapter), loader);
    }
    return loader;
  }

  /** Legs and recordings of a session listed without them. */
  async detail(session: CallSession): Promise<SessionDetail | null> {
    if (session.detail) return session.detail;
    const adapter = findAdapter(this.scope, session.provider, session.account);
    if (!adapter) return null;
    return this.detailLoaderFor(adapter).load(session);
  }

  /**
   * What the vendor's recording metadata says of a recording (length, format), for vendors whose listing does
   * not; null where the account keeps no such metadata or the vendor does not know the recording.
   */
  recordingFacts(provider: string, account: string, nativeId: string): RecordingFacts | null | Promise<RecordingFacts | null> {
    const adapter = findAdapter(this.scope, provider, account);
    if (!adapter?.describeRecordings) return null;
    const key = `${accountKey(adapter)}|${nativeId}`;
    if (!this.recordingsAsked.has(key)) {
      if (this.recordingsAsked.size >= this.recordingReadsAllowed) {
        throw new QueryTooExpensiveError(`This operation may read the length and format of ${this.recordingReadsAllowed} recordings (one per call it can answer); ask for fewer calls at a time.`);
      }
      this.recordingsAsked.add(key);
    }
    let loader = this.recordingLoaders.get(accountKey(adapter));
    if (!loader) {
      const describe = adapter.describeRecordings.bind(adapter);
      loader = new DataLoader<string, RecordingFacts | null>((ids) => orderedBatch(ids, describe(ids, this.caller)), { maxBatchSize: RECORDING_FACTS_BATCH });
      this.recordingLoaders.set(accountKey(adapter), loader);
    }
    return loader.load(nativeId);
  }

  /**
   * Caps the recordings whose metadata this request reads: the cost estimate counts one per call the operation
   * can answer, and a vendor that records a call in several parts must not take it past its estimate.
   */
  limitRecordingReads(count: number): void {
    this.recordingReadsAllowed = count;
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

/** Recording metadata reads that one batch asks at once (each is its own vendor request). */
const RECORDING_FACTS_BATCH = 25;

/** Checks an adapter kept its promise of one result per key, in order (DataLoader's contract). */
async function orderedBatch<K, V>(keys: readonly K[], results: Promise<V[]>): Promise<V[]> {
  const values = await results;
  if (values.length !== keys.length) throw new Error(`adapter returned ${values.length} results for ${keys.length} keys`);
  return values;
}
