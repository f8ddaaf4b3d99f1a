import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimitedError } from '../../src/domain/errors';
import { RateBudget, safeSlice } from '../../src/upstream/rate-budget';
import { SingleFlight } from '../../src/upstream/single-flight';
import { MemoryCacheStore } from '../../src/upstream/cache-store';
import { SharedReads } from '../../src/upstream/shared-reads';
import { AccountBulkhead } from '../../src/upstream/account-bulkhead';
import { testCaller } from '../support/upstream';

test('a budget slice never lets a vendor window see more than its limit, whatever the alignment', () => {
  for (const limit of [1, 2, 5, 10, 40, 50, 1000, 100_000]) {
    for (const windowSeconds of [1, 60, 3600, 86_400]) {
      const { points, durationSeconds } = safeSlice({ limit, windowSeconds });
      assert.ok(points >= 1);
      // Our windows are disjoint and durationSeconds long, so a vendor window overlaps at most this many.
      const overlapped = Math.ceil(windowSeconds / durationSeconds) + (limit < 2 ? 0 : 1);
      assert.ok(points * overlapped <= limit, `limit ${limit}/${windowSeconds}s: ${points} per ${durationSeconds}s`);
    }
  }
  // RingCentral Heavy (10 a minute): 2 every 15 s, 8 a minute at most.
  assert.deepEqual(safeSlice({ limit: 10, windowSeconds: 60 }), { points: 2, durationSeconds: 15 });
});

test('a spent budget waits for its next point within the deadline, and refuses at once past it with retryAfter', async () => {
  const events: string[] = [];
  const budget = new RateBudget(
    { vendor: 'V', account: 'a' },
    { groups: { g: [{ limit: 3, windowSeconds: 0.4 }] }, groupOf: () => 'g' },
    { budgetWait: (_v, _a, group) => events.push(`wait:${group}`), budgetRefused: (_v, _a, group) => events.push(`refused:${group}`) },
  );
  const signal = new AbortController().signal;
  // limit 3 per 0.4 s: k = 2 slices of 0.2 s holding 1 point each.
  await budget.spend('op', Date.now() + 5000, signal);
  const started = Date.now();
  await budget.spend('op', Date.now() + 5000, signal);
  assert.ok(Date.now() - started >= 150, 'the second request waited for the next slice');
  assert.deepEqual(events, ['wait:g']);
  await assert.rejects(budget.spend('op', Date.now() + 10, signal), (error: unknown) => {
    assert.ok(error instanceof RateLimitedError);
    assert.ok(error.retryAfter >= 1);
    return true;
  });
  assert.deepEqual(events, ['wait:g', 'refused:g']);
  // Operations outside every group spend nothing.
  await new RateBudget({ vendor: 'V', account: 'a' }, { groups: {}, groupOf: () => 'none' }).spend('op', Date.now(), signal);
});

test('single-flight: identical work runs once; a caller that leaves does not fail the others; the last to leave stops it', async () => {
  const flights = new SingleFlight();
  let runs = 0;
  let aborted = false;
  const work = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      runs += 1;
      const timer = setTimeout(() => resolve('done'), 50);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        aborted = true;
        reject(new Error('stopped'));
      });
    });
  const impatient = new AbortController();
  const first = flights.run('k', impatient.signal, work);
  const second = flights.run('k', new AbortController().signal, work);
  impatient.abort();
  await assert.rejects(first);
  assert.equal(await second, 'done');
  assert.equal(runs, 1);
  assert.equal(aborted, false);

  const only = new AbortController();
  const alone = flights.run('k2', only.signal, work);
  only.abort();
  await assert.rejects(alone);
  assert.equal(aborted, true, 'nobody waits any more: the work is stopped');
  assert.equal(flights.size, 0);
});

test('shared reads keep successes for their TTL in a bounded store, and never keep a failure', async () => {
  const store = new MemoryCacheStore(2);
  const reads = new SharedReads({ vendor: 'V', account: 'a' }, store, 60_000);
  const signal = testCaller();
  let loads = 0;
  const load = async () => {
    loads += 1;
    return `v${loads}`;
  };
  assert.equal(await reads.read('page', 'x', signal, load), 'v1');
  assert.equal(await reads.read('page', 'x', signal, load), 'v1', 'kept');
  assert.equal(await reads.read('page', 'x', signal, load, { fresh: true }), 'v2', 'fresh skips the kept answer');
  await assert.rejects(reads.read('page', 'bad', signal, async () => Promise.reject(new Error('garbage'))));
  assert.equal(await reads.read('page', 'bad', signal, load), 'v3', 'a failure was not kept');
  await reads.read('page', 'y', signal, load);
  await reads.read('page', 'z', signal, load);
  assert.equal(store.size, 2, 'the store is bounded');
  assert.equal(await reads.read('page', 'x', signal, load, { ttlMs: 0 }), 'v6', 'TTL 0 keeps nothing');
  // Entries by id: unknown ids are remembered as null, and only missing ids are loaded.
  const asked: string[][] = [];
  const many = (ids: string[]) => {
    asked.push(ids);
    return Promise.resolve(new Map(ids.filter((id) => id !== 'gone').map((id) => [id, id.toUpperCase()])));
  };
  assert.deepEqual(await reads.readMany('emp', ['a', 'b', 'gone'], signal, many, 60_000), ['A', 'B', null]);
  assert.deepEqual(await reads.readMany('emp', ['b', 'gone', 'c'], signal, many, 60_000), ['B', null, 'C']);
  assert.deepEqual(asked, [['a', 'b', 'gone'], ['c']]);
});

test('the bulkhead runs at most maxConcurrent requests of an account, queues maxQueued, and refuses the rest with RATE_LIMITED', async () => {
  const bulkhead = new AccountBulkhead({ vendor: 'V', account: 'a' }, { maxConcurrent: 2, maxQueued: 1 });
  const signal = new AbortController().signal;
  let running = 0;
  let most = 0;
  const release: Array<() => void> = [];
  const work = () =>
    new Promise<void>((resolve) => {
      running += 1;
      most = Math.max(most, running);
      release.push(() => {
        running -= 1;
        resolve();
      });
    });
  const runs = [1, 2, 3].map(() => bulkhead.run('op', signal, work));
  await assert.rejects(bulkhead.run('op', signal, work), (error: unknown) => error instanceof RateLimitedError && error.retryAfter === 1);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(running, 2, 'two run, the third waits');
  while (release.length > 0 || running > 0) {
    release.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(runs);
  assert.equal(most, 2);
});
