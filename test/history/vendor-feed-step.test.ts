import assert from 'node:assert/strict';
import { test } from 'node:test';
import { touchedWindows } from '../../src/history/vendor-feed-step';

const HOUR = 3600_000;
const at = (nativeId: string, startTime: number) => ({ nativeId, startTime });

test('named sessions are grouped into windows of at most an hour, oldest first, up to the page', () => {
  const touched = [at('c', 5 * HOUR), at('a', 0), at('b', HOUR - 1), at('d', 5 * HOUR + 10), at('e', 9 * HOUR)];
  assert.deepEqual(
    touchedWindows(touched, 5, 100).map((w) => [w.from, w.to, w.sessions.map((s) => s.nativeId)]),
    [
      [0, HOUR - 1, ['a', 'b']],
      [5 * HOUR, 5 * HOUR + 10, ['c', 'd']],
      [9 * HOUR, 9 * HOUR, ['e']],
    ],
  );
  assert.equal(touchedWindows(touched, 2, 100).length, 2, 'at most the windows a page may read');
  assert.deepEqual(touchedWindows(touched, 5, 3).flatMap((w) => w.sessions.map((s) => s.nativeId)), ['a', 'b', 'c'], 'at most the sessions a page may deliver');
});
