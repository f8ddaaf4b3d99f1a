import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimitedError } from '../../src/domain/errors';
import { AccountBulkhead } from '../../src/upstream/account-bulkhead';

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

test('requests abandoned while they wait never stall the account: a burst at full concurrency afterwards all completes', async () => {
  const bulkhead = new AccountBulkhead({ vendor: 'V', account: 'a' }, { maxConcurrent: 2, maxQueued: 100 });
  const held: Array<() => void> = [];
  const hold = () => new Promise<string>((resolve) => held.push(() => resolve('held')));
  // Two requests take both places; five more wait, and their callers leave (abandoned queries).
  const running = [1, 2].map(() => bulkhead.run('op', new AbortController().signal, hold));
  const leaving = Array.from({ length: 5 }, () => new AbortController());
  const abandoned = leaving.map((c) => bulkhead.run('op', c.signal, async () => 'ran'));
  for (const c of leaving) c.abort();
  for (const result of await Promise.allSettled(abandoned)) {
    assert.equal(result.status, 'rejected');
    assert.equal((result as PromiseRejectedResult).reason.code, 'CANCELLED', 'a caller that left is answered at once, as cancelled');
  }
  for (const release of held) release();
  assert.deepEqual(await Promise.all(running), ['held', 'held']);
  // Now a burst of distinct requests, more than the places: every one completes.
  const burst = Array.from({ length: 12 }, (_, i) => bulkhead.run('op', new AbortController().signal, () => new Promise<number>((resolve) => setTimeout(() => resolve(i), 5))));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'stalled'>((resolve) => (timer = setTimeout(() => resolve('stalled'), 2000)));
  const outcome = await Promise.race([Promise.all(burst), timeout]);
  clearTimeout(timer);
  assert.deepEqual(outcome, Array.from({ length: 12 }, (_, i) => i));
});

test("no tenant holds more than three quarters of an account's places: another tenant's request starts at once", async () => {
  const bulkhead = new AccountBulkhead({ vendor: 'V', account: 'a' }, { maxConcurrent: 4, maxQueued: 100 });
  const held: Array<() => void> = [];
  const started: string[] = [];
  const hold = (tenant: string) => () =>
    new Promise<void>((resolve) => {
      started.push(tenant);
      held.push(resolve);
    });
  const signal = new AbortController().signal;
  const flood = Array.from({ length: 10 }, () => bulkhead.run('op', signal, hold('A'), 'A'));
  await new Promise((resolve) => setImmediate(resolve));
  const quiet = bulkhead.run('op', signal, hold('B'), 'B');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(started, ['A', 'A', 'A', 'B'], 'A holds three of the four places; B takes the fourth at once');
  while (held.length > 0) {
    held.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all([...flood, quiet]);
  assert.equal(started.length, 11);
});
