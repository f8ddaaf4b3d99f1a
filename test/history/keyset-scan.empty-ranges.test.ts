import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CallSession } from '../../src/domain/call-session';
import { SortOrder } from '../../src/domain/ordering';
import { ProviderErrorPolicy } from '../../src/history/session-query';
import { VendorAdapter } from '../../src/vendors/adapter';
import { PositionPaging, TimeWindow, VendorPage } from '../../src/vendors/paging-strategy';
import { bruteForce, makeService, walk } from '../support/engine-harness';
import { Provider } from '../support/providers';
import { makeSession } from '../support/session-factory';
import { testCaller } from '../support/upstream';

const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const DAY = 86_400_000;

/**
 * A vendor read in one-day report chunks (like CallGear's), each its own time range: a window with calls only
 * on its last days is a long run of empty chunks. Counts the chunks it is asked for.
 */
function chunkedVendor(sessions: readonly CallSession[]): { adapter: VendorAdapter; chunksRead: () => number } {
  let chunksRead = 0;
  type Chunk = { from: number; to: number };
  const paging: PositionPaging<Chunk> = {
    kind: 'positions',
    identity: 'chunks',
    resumesFromInstant: false,
    first: (window: TimeWindow, order: SortOrder) =>
      order === SortOrder.START_TIME_ASC
        ? { from: window.from.getTime(), to: Math.min(window.to.getTime(), window.from.getTime() + DAY - 1) }
        : { from: Math.max(window.from.getTime(), window.to.getTime() - DAY + 1), to: window.to.getTime() },
    fetch: async (window: TimeWindow, order: SortOrder, chunk: Chunk): Promise<VendorPage<Chunk>> => {
      chunksRead += 1;
      const asc = order === SortOrder.START_TIME_ASC;
      const rows = sessions.filter((s) => s.startTime.getTime() >= chunk.from && s.startTime.getTime() <= chunk.to).sort((x, y) => (asc ? 1 : -1) * (x.startTime.getTime() - y.startTime.getTime()));
      const next = asc
        ? chunk.to >= window.to.getTime() ? null : { from: chunk.to + 1, to: Math.min(window.to.getTime(), chunk.to + DAY) }
        : chunk.from <= window.from.getTime() ? null : { from: Math.max(window.from.getTime(), chunk.from - DAY), to: chunk.from - 1 };
      return { rows, next, continues: 'range', reached: asc ? chunk.to : chunk.from };
    },
  };
  const unused = () => Promise.reject(new Error('not used'));
  const adapter: VendorAdapter = {
    provider: Provider.CALLGEAR!,
    account: 'cg',
    extensionBatchSize: 100,
    detailBatchSize: 100,
    listsRecordings: true,
    paging: () => paging,
    getSession: unused,
    loadDetails: unused,
    getExtensions: unused,
    listExtensions: unused,
    openRecording: unused,
    ping: () => Promise.resolve(),
  };
  return { adapter, chunksRead: () => chunksRead };
}

test('a run of empty report chunks counts toward the scan bound: a page stops at it, and the walk goes on exactly', async () => {
  for (const order of [SortOrder.START_TIME_ASC, SortOrder.START_TIME_DESC]) {
    // 60 days, calls only in the last 2 (ASC meets 58 empty chunks first) or the first 2 (DESC does).
    const days = order === SortOrder.START_TIME_ASC ? [58.5, 59.2] : [0.5, 1.2];
    const start = NOW - 60 * DAY;
    const sessions = days.flatMap((d, i) => [0, 1, 2].map((k) => makeSession(Provider.CALLGEAR!, 'cg', `c${i}${k}`, start + d * DAY + k * 1000)));
    const filter = { from: new Date(start), to: new Date(NOW - 1) };
    const { adapter, chunksRead } = chunkedVendor(sessions);
    const service = makeService(NOW, { maxVendorPagesPerPage: 10 });
    const first = await service.listSessions({ tenant: 't1', adapters: [adapter] }, { first: 5, after: null, filter, order, onProviderError: ProviderErrorPolicy.FAIL, withDetail: false }, testCaller());
    assert.equal(chunksRead(), 10, `${order}: the first page stops at the bound (10 vendor pages)`);
    assert.equal(first.edges.length, 0);
    assert.equal(first.hasNextPage, true);
    assert.ok(first.endCursor, 'and says where the walk goes on');
    const { adapter: again } = chunkedVendor(sessions);
    const result = await walk(makeService(NOW, { maxVendorPagesPerPage: 10 }), [again], { sizes: [5], order, filter });
    assert.deepEqual(result.ids, bruteForce([...sessions], order), order);
  }
});
