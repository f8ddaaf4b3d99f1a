import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapInSlices } from '../../src/lib/map-in-slices';

test('maps every item in order, letting other work run between slices of 200', async () => {
  const items = Array.from({ length: 1000 }, (_, i) => i);
  const seen: string[] = [];
  let mapped = 0;
  // Work queued before the mapping starts runs while it is under way, not after it.
  setImmediate(() => seen.push(`other work after ${mapped} items`));
  const out = await mapInSlices(items, (n, i) => {
    mapped += 1;
    return n * 2 + i;
  });
  assert.deepEqual(out, items.map((n) => n * 3));
  assert.deepEqual(seen, ['other work after 200 items']);
});

test('a page of up to 200 items maps in one task', async () => {
  let ranBetween = false;
  setImmediate(() => (ranBetween = true));
  const promise = mapInSlices(Array.from({ length: 200 }, (_, i) => i), (n) => {
    assert.equal(ranBetween, false);
    return n;
  });
  assert.equal((await promise).length, 200);
});
