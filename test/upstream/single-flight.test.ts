import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SingleFlight } from '../../src/upstream/single-flight';

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
