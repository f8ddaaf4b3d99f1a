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
