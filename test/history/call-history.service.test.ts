import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CallDirection } from '../../src/domain/enums';
import { Provider } from '../support/providers';
import { SortOrder } from '../../src/domain/ordering';
import { ProviderErrorPolicy } from '../../src/history/session-query';
import { MemoryAdapter } from '../support/memory-adapter';
import { bruteForce, makeService, walk } from '../support/engine-harness';
import { makeSession } from '../support/session-factory';
import { testCaller } from '../support/upstream';

const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);

test('30 rows sharing one instant, vendor pages of 4 and GraphQL pages of 5: none lost or repeated', async () => {
  const store = Array.from({ length: 30 }, (_, i) => makeSession(Provider.TELPHIN, 'tp', `r${(i * 13) % 30}`, NOW - 5000));
  store.push(makeSession(Provider.TELPHIN, 'tp', 'later', NOW - 1000), makeSession(Provider.TELPHIN, 'tp', 'earlier', NOW - 9000));
  const adapter = new MemoryAdapter({ provider: Provider.TELPHIN, account: 'tp', sessions: () => store, extensions: [], pageSize: 4, pagingStyle: 'page' });
  for (const order of [SortOrder.START_TIME_DESC, SortOrder.START_TIME_ASC]) {
    const result = await walk(makeService(NOW), [adapter], { sizes: [5], order });
    assert.deepEqual(result.ids, bruteForce(store, order));
  }
});

test('a scan bound cuts a sparse page short: fewer edges, hasNextPage true, and a cursor to continue', async () => {
  const store = Array.from({ length: 40 }, (_, i) =>
    makeSession(Provider.CALLGEAR, 'cg', `c${i}`, NOW - i * 1000, { direction: i % 20 === 0 ? CallDirection.OUTBOUND : CallDirection.INBOUND }),
  );
  const adapter = new MemoryAdapter({ provider: Provider.CALLGEAR, account: 'cg', sessions: () => store, extensions: [], pageSize: 5, pagingStyle: 'offset' });
  const service = makeService(NOW, { maxVendorPagesPerPage: 1 });
  const page = await service.listSessions(
    { tenant: 't1', adapters: [adapter] },
    { first: 10, after: null, filter: { directions: [CallDirection.OUTBOUND] }, order: SortOrder.START_TIME_DESC, onProviderError: ProviderErrorPolicy.FAIL, withDetail: false },
    testCaller(),
  );
  assert.ok(page.edges.length < 10);
  assert.equal(page.hasNextPage, true);
  assert.ok(page.endCursor);
  const all = await walk(service, [adapter], { sizes: [10], order: SortOrder.START_TIME_DESC, filter: { directions: [CallDirection.OUTBOUND] } });
  assert.deepEqual(all.ids, ['CALLGEAR/cg/c0', 'CALLGEAR/cg/c20']);
  assert.ok(all.pages > 2, 'the bound spread the scan over several pages');
  assert.ok(all.pageSizes.slice(0, -1).some((n) => n === 0), 'an empty page carried the walk on');
});

test('a stale cursor is refused with BAD_USER_INPUT', async () => {
  const store = Array.from({ length: 5 }, (_, i) => makeSession(Provider.TELPHIN, 'tp', `r${i}`, NOW - i * 1000));
  const adapter = new MemoryAdapter({ provider: Provider.TELPHIN, account: 'tp', sessions: () => store, extensions: [], pageSize: 2, pagingStyle: 'page' });
  const query = { first: 2, filter: {}, order: SortOrder.START_TIME_DESC, onProviderError: ProviderErrorPolicy.FAIL, withDetail: false };
  const scope = { tenant: 't1', adapters: [adapter] };
  const page = await makeService(NOW).listSessions(scope, { ...query, after: null }, testCaller());
  const later = makeService(NOW + 25 * 3600 * 1000);
  await assert.rejects(later.listSessions(scope, { ...query, after: page.endCursor }, testCaller()), /stale cursor/);
});

test('an exhausted account is not asked again on later pages of the walk', async () => {
  const small = [makeSession(Provider.TELPHIN, 'tp', 'only', NOW - 100_000)];
  const big = Array.from({ length: 30 }, (_, i) => makeSession(Provider.CALLGEAR, 'cg', `c${i}`, NOW - i * 1000));
  const tp = new MemoryAdapter({ provider: Provider.TELPHIN, account: 'tp', sessions: () => small, extensions: [], pageSize: 10, pagingStyle: 'page' });
  const cg = new MemoryAdapter({ provider: Provider.CALLGEAR, account: 'cg', sessions: () => big, extensions: [], pageSize: 100, pagingStyle: 'offset' });
  const result = await walk(makeService(NOW), [tp, cg], { sizes: [5], order: SortOrder.START_TIME_ASC });
  assert.equal(result.ids.length, 31);
  assert.equal(tp.stats.listPages, 1, 'the Telphin account was read once, then marked done in the cursor');
});

test('a vendor cursor token that expired between pages: the scan starts over from the keyset cursor, and the walk stays exact', async () => {
  const store = Array.from({ length: 40 }, (_, i) => makeSession(Provider.RINGCENTRAL!, 'rc', `t${i}`, NOW - Math.floor(i / 2) * 1000));
  // Tokens only (no continuing from an instant), so every later page resumes at a token from the cursor.
  const adapter = new MemoryAdapter({ provider: Provider.RINGCENTRAL!, account: 'rc', sessions: () => store, extensions: [], pageSize: 3, pagingStyle: 'token', resumesFromInstant: false });
  for (const order of [SortOrder.START_TIME_DESC, SortOrder.START_TIME_ASC]) {
    const result = await walk(makeService(NOW), [adapter], { sizes: [5], order, between: () => adapter.expireTokens() });
    assert.deepEqual(result.ids, bruteForce(store, order));
  }
});

test('records deleted ahead of the cursor between pages pull later rows onto an earlier page: the resume hint is checked, and no row is lost', async () => {
  for (const order of [SortOrder.START_TIME_DESC, SortOrder.START_TIME_ASC]) {
    const original = Array.from({ length: 40 }, (_, i) => makeSession(Provider.TELPHIN!, 'tp', `d${i}`, NOW - (i + 1) * 1000));
    let store = [...original];
    const expected = bruteForce(original, order);
    // Page numbers only, nothing kept: the second GraphQL page resumes at the vendor page its hint names (page 3).
    const adapter = new MemoryAdapter({ provider: Provider.TELPHIN!, account: 'tp', sessions: () => store, extensions: [], pageSize: 5, pagingStyle: 'page', resumesFromInstant: false });
    const result = await walk(makeService(NOW), [adapter], {
      sizes: [12],
      order,
      between: (page) => {
        // After the first page (rows 1-12, from vendor pages 1-3): the ten rows of vendor pages 1 and 2 go, so
        // rows 13-20, not yet served, move onto pages 1 and 2, and the hinted page 3 begins after them.
        if (page === 0) store = store.filter((s) => !expected.slice(0, 10).includes(`TELPHIN/tp/${s.nativeId}`));
      },
    });
    assert.deepEqual(result.ids, expected, order);
  }
});

test('a record that lands on a page the scan has read shifts the next page by a row: no row is returned twice', async () => {
  for (const order of [SortOrder.START_TIME_DESC, SortOrder.START_TIME_ASC]) {
    const original = Array.from({ length: 40 }, (_, i) => makeSession(Provider.TELPHIN!, 'tp', `p${i}`, NOW - (i + 1) * 1000));
    const store = [...original];
    const expected = bruteForce(original, order);
    // Page numbers only, nothing kept: both pages are read by the same scan, so no seam check can see the shift.
    const adapter = new MemoryAdapter({
      provider: Provider.TELPHIN!,
      account: 'tp',
      sessions: () => store,
      extensions: [],
      pageSize: 5,
      pagingStyle: 'page',
      resumesFromInstant: false,
      beforeFetch: (pagesRead) => {
        // After the first page: a late record at the instant of the page's second row (already read, already passed).
        const second = original.find((s) => `TELPHIN/tp/${s.nativeId}` === expected[1])!;
        if (pagesRead === 1) store.push(makeSession(Provider.TELPHIN!, 'tp', 'late', second.startTime.getTime()));
      },
    });
    const result = await walk(makeService(NOW), [adapter], { sizes: [40], order });
    assert.deepEqual(result.ids, expected, order);
  }
});
