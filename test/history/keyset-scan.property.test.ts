import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CallSession } from '../../src/domain/call-session';
import { CallDirection } from '../../src/domain/enums';
import { Provider } from '../support/providers';
import { SortOrder } from '../../src/domain/ordering';
import { MemoryAdapter, MemoryPagingStyle } from '../support/memory-adapter';
import { bruteForce, makeService, walk, walkBack } from '../support/engine-harness';
import { ProviderErrorPolicy } from '../../src/history/session-query';
import { testCaller } from '../support/upstream';
import { makeSession } from '../support/session-factory';

const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

interface AccountSpec {
  provider: Provider;
  account: string;
  pageSize: number;
  style: MemoryPagingStyle;
  /** Seconds before NOW, few distinct values so that many rows share an instant. */
  offsets: number[];
  outbound: boolean[];
}

const accountSpec = (provider: Provider, account: string) =>
  fc.record({
    provider: fc.constant(provider),
    account: fc.constant(account),
    pageSize: fc.integer({ min: 1, max: 8 }),
    style: fc.constantFrom<MemoryPagingStyle>('page', 'offset'),
    offsets: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 }),
    outbound: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
  });

// Two accounts of one provider make the account tie-breaker matter; empty accounts occur naturally.
const dataSet = fc.tuple(
  accountSpec(Provider.RINGCENTRAL, 'rc-a'),
  accountSpec(Provider.RINGCENTRAL, 'rc-b'),
  accountSpec(Provider.CALLGEAR, 'cg'),
  accountSpec(Provider.TELPHIN, 'tp'),
);

function build(specs: AccountSpec[]): { adapters: MemoryAdapter[]; stores: CallSession[][] } {
  const stores: CallSession[][] = [];
  const adapters = specs.map((spec) => {
    const store = spec.offsets.map((offset, i) =>
      // Native ids are not in time order, as with real vendors.
      makeSession(spec.provider, spec.account, `id${(i * 7919) % 1000}-${i}`, NOW - offset * 1000, {
        direction: spec.outbound[i] ? CallDirection.OUTBOUND : CallDirection.INBOUND,
      }),
    );
    stores.push(store);
    return new MemoryAdapter({
      provider: spec.provider,
      account: spec.account,
      sessions: () => store,
      extensions: [],
      pageSize: spec.pageSize,
      pagingStyle: spec.style,
    });
  });
  return { adapters, stores };
}

const pageSizes = fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 });
const orders = fc.constantFrom(SortOrder.START_TIME_DESC, SortOrder.START_TIME_ASC);

test('a walk with random page sizes returns exactly the brute-force merge, in both orders', async () => {
  await fc.assert(
    fc.asyncProperty(dataSet, pageSizes, orders, async (specs, sizes, order) => {
      const { adapters, stores } = build(specs);
      // A scan bound above any instant's vendor pages (60 rows, pages of 1): then only the last page may be
      // short. With a tighter bound a page may stop early at a closed instant (the next test covers that).
      const result = await walk(makeService(NOW, { maxVendorPagesPerPage: 100 }), adapters, { sizes, order });
      assert.deepEqual(result.ids, bruteForce(stores.flat(), order));
      result.pageSizes.slice(0, -1).forEach((n, i) => assert.equal(n, sizes[i % sizes.length]));
    }),
    { numRuns: RUNS },
  );
});

test('a post-filtered walk with a tight scan bound still returns exactly the filtered list', async () => {
  await fc.assert(
    fc.asyncProperty(dataSet, pageSizes, orders, fc.integer({ min: 1, max: 3 }), async (specs, sizes, order, bound) => {
      const { adapters, stores } = build(specs);
      const result = await walk(makeService(NOW, { maxVendorPagesPerPage: bound }), adapters, { sizes, order, filter: { directions: [CallDirection.OUTBOUND] } });
      assert.deepEqual(
        result.ids,
        bruteForce(stores.flat(), order, (s) => s.direction === CallDirection.OUTBOUND),
      );
    }),
    { numRuns: RUNS },
  );
});

test('a backward walk (last/before) from the end equals the forward walk, in both orders, filtered or not, under a tight scan bound', async () => {
  await fc.assert(
    fc.asyncProperty(dataSet, pageSizes, orders, fc.integer({ min: 1, max: 100 }), fc.boolean(), async (specs, sizes, order, bound, filtered) => {
      const { adapters, stores } = build(specs);
      const filter = filtered ? { directions: [CallDirection.OUTBOUND] } : {};
      const result = await walkBack(makeService(NOW, { maxVendorPagesPerPage: bound }), adapters, { sizes, order, filter });
      assert.deepEqual(result.ids, bruteForce(stores.flat(), order, (s) => !filtered || s.direction === CallDirection.OUTBOUND));
    }),
    { numRuns: RUNS },
  );
});

test('cursors of either direction work in the other: back from a forward page, forward again from a backward one', async () => {
  await fc.assert(
    fc.asyncProperty(dataSet, fc.integer({ min: 1, max: 12 }), orders, fc.integer({ min: 0, max: 5 }), async (specs, size, order, pagesIn) => {
      const { adapters, stores } = build(specs);
      const truth = bruteForce(stores.flat(), order);
      const service = makeService(NOW, { maxVendorPagesPerPage: 100 });
      const scope = { tenant: 't1', adapters };
      const query = { filter: {}, order, onProviderError: ProviderErrorPolicy.FAIL, withDetail: false };
      // Forward a few pages, then back from the last page's start: exactly the rows before it.
      let after: string | null = null;
      let seen = 0;
      let page = await service.listSessions(scope, { ...query, first: size, after }, testCaller());
      for (let i = 0; i < pagesIn && page.hasNextPage; i++) {
        seen += page.edges.length;
        after = page.endCursor;
        page = await service.listSessions(scope, { ...query, first: size, after }, testCaller());
      }
      if (page.edges.length === 0) return;
      const back = await walkBack(service, adapters, { sizes: [size], order, before: page.startCursor });
      assert.deepEqual(back.ids, truth.slice(0, seen));
      // Back one page from the end, then forward from its first edge: the rest of the walk.
      const tail = await service.listSessions(scope, { ...query, first: size, after: null, last: size, before: null }, testCaller());
      assert.equal(tail.hasNextPage, false);
      assert.equal(tail.hasPreviousPage, truth.length > size);
      if (tail.edges.length === 0) return;
      const forward = await walk(service, adapters, { sizes: [size], order, maxPages: 1000 });
      assert.deepEqual(forward.ids, truth);
      const from = tail.edges[0]!.cursor;
      let rest: string[] = [];
      let next: string | null = from;
      for (let i = 0; i < 1000 && next; i++) {
        const p = await service.listSessions(scope, { ...query, first: size, after: next }, testCaller());
        rest = [...rest, ...p.edges.map((e) => `${e.session.provider}/${e.session.account}/${e.session.nativeId}`)];
        next = p.hasNextPage ? p.endCursor : null;
      }
      assert.deepEqual(rest, truth.slice(truth.length - tail.edges.length + 1));
    }),
    { numRuns: RUNS },
  );
});

test('calls arriving while a client pages do not shift, repeat or drop rows: the walk returns the snapshot', async () => {
  await fc.assert(
    fc.asyncProperty(dataSet, pageSizes, orders, fc.integer({ min: 1, max: 5 }), async (specs, sizes, order, perPage) => {
      const { adapters, stores } = build(specs);
      const snapshot = bruteForce(stores.flat(), order);
      let serial = 0;
      const result = await walk(makeService(NOW), adapters, {
        sizes,
        order,
        between: () => {
          // New calls start after the walk's asOf; some go to the front of storage to disturb vendor tie order.
          stores.forEach((store, i) => {
            for (let n = 0; n < perPage; n++) {
              const spec = specs[i]!;
              const fresh = makeSession(spec.provider, spec.account, `new-${serial++}`, NOW + (1 + (serial % 5)) * 1000);
              if (serial % 2) store.unshift(fresh);
              else store.push(fresh);
            }
          });
        },
      });
      assert.deepEqual(result.ids, snapshot);
    }),
    { numRuns: RUNS },
  );
});

test('vendor data shifting behind the cursor (tie order reshuffled, walked rows deleted) neither repeats nor drops a row', async () => {
  await fc.assert(
    fc.asyncProperty(dataSet, pageSizes, orders, fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (specs, sizes, order, seed) => {
      const { adapters, stores } = build(specs);
      const snapshot = bruteForce(stores.flat(), order);
      let state = seed;
      const random = (n: number): number => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state % n;
      };
      const result = await walk(makeService(NOW), adapters, {
        sizes,
        order,
        between: (_page, idsSoFar) => {
          const returned = new Set(idsSoFar);
          stores.forEach((store) => {
            // Reverse storage order: every instant's ties now come back in another order.
            store.reverse();
            const walked = store.findIndex((s) => returned.has(`${s.provider}/${s.account}/${s.nativeId}`) && random(2) === 0);
            if (walked >= 0) store.splice(walked, 1);
          });
        },
      });
      assert.deepEqual(result.ids, snapshot);
    }),
    { numRuns: RUNS },
  );
});
