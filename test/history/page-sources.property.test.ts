import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CallSession } from '../../src/domain/call-session';
import { Provider } from '../support/providers';
import { SortOrder } from '../../src/domain/ordering';
import { CacheStore } from '../../src/upstream/cache-store';
import { MemoryAdapter, MemoryPagingStyle } from '../support/memory-adapter';
import { bruteForce, makeService, walk } from '../support/engine-harness';
import { makeSession } from '../support/session-factory';

/**
 * Vendor pages are kept between GraphQL pages (amortized paging), so a walk mixes pages read at different
 * times. While it runs the vendors' data shifts under it — calls arrive (late records behind the cursor,
 * which shift page numbers, and new calls after asOf), walked calls are deleted, ties come back in another
 * order — and kept pages expire at random. The keyset must stay the truth: the walk returns exactly the snapshot of its first
 * page, each call once, whether the vendor continues from an instant, only by page number, or by page numbers of a newest-first list.
 */
const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

/** A store whose entries expire when the test says (a real TTL, driven by a test clock). */
class ClockedStore implements CacheStore {
  private readonly entries = new Map<string, { value: unknown; until: number }>();
  clock = 0;
  get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    return Promise.resolve(entry && entry.until > this.clock ? (entry.value as T) : undefined);
  }
  set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, until: this.clock + ttlMs });
    return Promise.resolve();
  }
}

interface Spec {
  provider: Provider;
  account: string;
  pageSize: number;
  style: MemoryPagingStyle;
  resumesFromInstant: boolean;
  offsets: number[];
}

const spec = (provider: Provider, account: string) =>
  fc.record({
    provider: fc.constant(provider),
    account: fc.constant(account),
    pageSize: fc.integer({ min: 1, max: 8 }),
    style: fc.constantFrom<MemoryPagingStyle>('page', 'offset', 'newest-first'),
    resumesFromInstant: fc.boolean(),
    offsets: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 50 }),
  });

const specs = fc.tuple(spec(Provider.RINGCENTRAL, 'rc'), spec(Provider.CALLGEAR, 'cg'), spec(Provider.TELPHIN, 'tp'));
const orders = fc.constantFrom(SortOrder.START_TIME_DESC, SortOrder.START_TIME_ASC);
const pageSizes = fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 });

test('kept vendor pages, expiring at random while the data shifts, never make a walk repeat or drop a call', async () => {
  await fc.assert(
    fc.asyncProperty(specs, pageSizes, orders, fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (accountSpecs, sizes, order, seed) => {
      const store = new ClockedStore();
      const stores: CallSession[][] = [];
      const adapters = (accountSpecs as Spec[]).map((s) => {
        const rows = s.offsets.map((offset, i) => makeSession(s.provider, s.account, `id${(i * 7919) % 1000}-${i}`, NOW - offset * 1000));
        stores.push(rows);
        return new MemoryAdapter({
          provider: s.provider,
          account: s.account,
          sessions: () => rows,
          extensions: [],
          pageSize: s.pageSize,
          pagingStyle: s.style,
          resumesFromInstant: s.resumesFromInstant,
        });
      });
      const snapshot = bruteForce(stores.flat(), order);
      const startOf = new Map(stores.flat().map((r) => [`${r.provider}/${r.account}/${r.nativeId}`, r.startTime.getTime()]));
      let state = seed;
      const random = (n: number): number => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state % n;
      };
      let serial = 0;
      const result = await walk(makeService(NOW, { store, pageTtlMs: 1000 }), adapters, {
        sizes,
        order,
        between: (_page, idsSoFar) => {
          // Time passes: some kept pages expire (TTL 1000, steps of 0 to 600).
          store.clock += random(3) * 300;
          const returned = new Set(idsSoFar);
          stores.forEach((rows, i) => {
            const s = accountSpecs[i]!;
            if (random(3) === 0) rows.reverse();
            const walked = rows.findIndex((r) => returned.has(`${r.provider}/${r.account}/${r.nativeId}`) && random(2) === 0);
            if (walked >= 0) rows.splice(walked, 1);
            // A call after asOf (not in the snapshot), stored anywhere among the rows.
            rows.splice(random(rows.length + 1), 0, makeSession(s.provider, s.account, `late-${serial++}`, NOW + (1 + random(5)) * 1000));
            // A record that arrives late, behind the cursor (an instant the walk has passed): it shifts the
            // vendor's numbering but is not in the snapshot, so the walk must not return it.
            const cursorTime = startOf.get(idsSoFar[idsSoFar.length - 1] ?? '');
            if (cursorTime !== undefined) {
              const behind = order === SortOrder.START_TIME_DESC ? cursorTime + (1 + random(3)) * 1000 : cursorTime - (1 + random(3)) * 1000;
              if (behind <= NOW && behind >= NOW - 40_000) rows.splice(random(rows.length + 1), 0, makeSession(s.provider, s.account, `behind-${serial++}`, behind));
            }
          });
        },
      });
      assert.deepEqual(result.ids, snapshot);
    }),
    { numRuns: RUNS },
  );
});
