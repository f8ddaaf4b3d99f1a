import { CallSession } from '../../src/domain/call-session';
import { SortOrder, compareKeys, sortKeyOf } from '../../src/domain/ordering';
import { CallHistoryService } from '../../src/history/call-history.service';
import { CursorCodec } from '../../src/history/cursor-codec';
import { ProviderErrorPolicy, SessionFilterInput } from '../../src/history/session-query';
import { Signer } from '../../src/lib/signer';
import { MemoryAdapter } from '../../src/vendors/memory/memory-adapter';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

export function makeService(now: number, maxVendorPagesPerPage = 10, secret = TEST_SECRET): CallHistoryService {
  return new CallHistoryService({
    codec: new CursorCodec(new Signer(secret), 24 * 3600 * 1000),
    window: { defaultDays: 30, maxDays: 366 },
    maxVendorPagesPerPage,
    now: () => now,
  });
}

export interface WalkResult {
  readonly ids: string[];
  readonly pages: number;
  readonly pageSizes: number[];
}

/** Walks every page of a query, choosing each page's size from `sizes` in turn; `between` runs after each page. */
export async function walk(
  service: CallHistoryService,
  adapters: MemoryAdapter[],
  options: { sizes: number[]; order: SortOrder; filter?: SessionFilterInput; between?: (page: number, idsSoFar: readonly string[]) => void; maxPages?: number },
): Promise<WalkResult> {
  const ids: string[] = [];
  const pageSizes: number[] = [];
  let after: string | null = null;
  const maxPages = options.maxPages ?? 5000;
  for (let page = 0; page < maxPages; page++) {
    const first = options.sizes[page % options.sizes.length]!;
    const result = await service.listSessions(
      { tenant: 't1', adapters },
      {
        first,
        after,
        filter: options.filter ?? {},
        order: options.order,
        onProviderError: ProviderErrorPolicy.FAIL,
        withDetail: false,
      },
      new AbortController().signal,
    );
    if (result.edges.length > first) throw new Error(`page ${page} has ${result.edges.length} edges, more than first=${first}`);
    if (result.edges.length === 0 && result.startCursor !== null) throw new Error('empty page with a start cursor');
    pageSizes.push(result.edges.length);
    for (const edge of result.edges) ids.push(idOf(edge.session));
    options.between?.(page, ids);
    if (!result.hasNextPage) return { ids, pages: page + 1, pageSizes };
    if (!result.endCursor) throw new Error('hasNextPage without an endCursor');
    after = result.endCursor;
  }
  throw new Error('walk did not end');
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
