import { ChangeFeedOptions, ChangeFeedService } from '../../src/history/change-feed.service';
import { CheckpointCodec } from '../../src/history/change-checkpoint';
import { CallSession } from '../../src/domain/call-session';
import { SortOrder, compareKeys, sortKeyOf } from '../../src/domain/ordering';
import { CallHistoryService } from '../../src/history/call-history.service';
import { CursorCodec } from '../../src/history/cursor-codec';
import { PageCache } from '../../src/history/page-cache';
import { ProviderErrorPolicy, SessionFilterInput } from '../../src/history/session-query';
import { Signer } from '../../src/lib/signer';
import { CacheStore, MemoryCacheStore } from '../../src/upstream/cache-store';
import { VendorAdapter } from '../../src/vendors/adapter';
import { WalkResult, walkPages } from './walks';
import { testCaller } from './upstream';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface ServiceOptions {
  readonly maxVendorPagesPerPage?: number;
  readonly secret?: string;
  /** Where vendor pages are kept, and for how long (0: not kept, so each page's requests are its own). */
  readonly store?: CacheStore;
  readonly pageTtlMs?: number;
  /** A new walk's window ends at "now" rounded down to this (default a second). */
  readonly windowEndMs?: number;
}

/** The engine alone (no GraphQL, no HTTP) over the adapters a test gives it. */
export function makeService(now: number, options: ServiceOptions = {}): CallHistoryService {
  return new CallHistoryService({
    windowEndMs: options.windowEndMs ?? 1000,
    codec: new CursorCodec(new Signer(options.secret ?? TEST_SECRET), 24 * 3600 * 1000),
    window: { defaultDays: 30, maxDays: 366 },
    maxVendorPagesPerPage: options.maxVendorPagesPerPage ?? 10,
    pages: new PageCache(options.store ?? new MemoryCacheStore(512 * 1024 ** 2), options.pageTtlMs ?? 0),
    now: () => now,
  });
}

/** The change feed over an engine, with the default lookback (3 h) and settle (60 s) unless told. */
export function makeChangeFeed(history: CallHistoryService, now: () => number, options: Partial<ChangeFeedOptions> = {}): ChangeFeedService {
  return new ChangeFeedService(history, {
    codec: new CheckpointCodec(new Signer(TEST_SECRET)),
    lookbackMs: 3 * 3600_000,
    settleMs: 60_000,
    defaultDays: 30,
    maxDays: 366,
    maxSeenPerAccount: 2000,
    freshMs: 10_000,
    now,
    ...options,
  });
}

/**
 * Walks every page of a query through the engine, choosing each page's size from `sizes` in turn;
 * `between` runs after each page. Ids are "PROVIDER/account/nativeId".
 */
export function walk(
  service: CallHistoryService,
  adapters: readonly VendorAdapter[],
  options: { sizes: number[]; order: SortOrder; filter?: SessionFilterInput; withDetail?: boolean; between?: (page: number, idsSoFar: readonly string[]) => void; maxPages?: number },
): Promise<WalkResult> {
  return walkPages(async (after, page) => {
    const first = options.sizes[page % options.sizes.length]!;
    const result = await service.listSessions(
      { tenant: 't1', adapters },
      { first, after, filter: options.filter ?? {}, order: options.order, onProviderError: ProviderErrorPolicy.FAIL, withDetail: options.withDetail ?? false },
      testCaller(),
    );
    if (result.edges.length > first) throw new Error(`page ${page} has ${result.edges.length} edges, more than first=${first}`);
    if (result.edges.length === 0 && result.startCursor !== null) throw new Error('empty page with a start cursor');
    return { ids: result.edges.map((edge) => idOf(edge.session)), hasNextPage: result.hasNextPage, endCursor: result.endCursor };
  }, options);
}

/**
 * A walk backward (Relay's last/before) from the end of the walk: each page's startCursor is the next `before`,
 * until a page says there is no previous one. Pages are in the walk's own order, so the rows, put together, are
 * the forward walk's.
 */
export async function walkBack(
  service: CallHistoryService,
  adapters: readonly VendorAdapter[],
  options: { sizes: number[]; order: SortOrder; filter?: SessionFilterInput; before?: string | null; maxPages?: number },
): Promise<{ ids: string[]; pages: number }> {
  let ids: string[] = [];
  let before: string | null = options.before ?? null;
  for (let page = 0; page < (options.maxPages ?? 5000); page++) {
    const last = options.sizes[page % options.sizes.length]!;
    const result = await service.listSessions(
      { tenant: 't1', adapters },
      { first: last, after: null, last, before, filter: options.filter ?? {}, order: options.order, onProviderError: ProviderErrorPolicy.FAIL, withDetail: false },
      testCaller(),
    );
    if (result.edges.length > last) throw new Error(`page ${page} has ${result.edges.length} edges, more than last=${last}`);
    ids = [...result.edges.map((edge) => idOf(edge.session)), ...ids];
    if (!result.hasPreviousPage) return { ids, pages: page + 1 };
    if (!result.startCursor) throw new Error('hasPreviousPage without a startCursor');
    // A page that hands back the cursor it was asked from would walk on the spot forever.
    if (result.startCursor === before) throw new Error(`page ${page} did not move back from its before cursor`);
    before = result.startCursor;
  }
  throw new Error('backward walk did not end');
}

export function idOf(session: CallSession): string {
  return `${session.provider}/${session.account}/${session.nativeId}`;
}

/** The brute-force answer: every session, filtered, sorted by the total order. */
export function bruteForce(sessions: CallSession[], order: SortOrder, keep: (s: CallSession) => boolean = () => true): string[] {
  return sessions
    .filter(keep)
    .sort((x, y) => compareKeys(sortKeyOf(x), sortKeyOf(y), order))
    .map(idOf);
}

/**
 * Walks one adapter's window to the end through the engine (pages of `limit`, nothing kept between pages,
 * no scan bound to speak of): the sessions in the order served.
 */
export async function walkAccount(adapter: VendorAdapter, window: { from: Date; to: Date }, order: SortOrder, limit: number, options: { between?: () => void } = {}): Promise<CallSession[]> {
  const service = makeService(window.to.getTime() + 1000, { maxVendorPagesPerPage: 100 });
  const sessions: CallSession[] = [];
  await walkPages(
    async (after) => {
      const page = await service.listSessions(
        { tenant: 't1', adapters: [adapter] },
        { first: limit, after, filter: { from: window.from, to: window.to }, order, onProviderError: ProviderErrorPolicy.FAIL, withDetail: false },
        testCaller(),
      );
      sessions.push(...page.edges.map((edge) => edge.session));
      return { ids: page.edges.map((edge) => idOf(edge.session)), hasNextPage: page.hasNextPage, endCursor: page.endCursor };
    },
    { between: options.between, maxPages: 100_000 },
  );
  return sessions;
}
