import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approximateBytes } from '../../src/lib/approximate-bytes';
import { MemoryCacheStore } from '../../src/upstream/cache-store';

/** A kept list page in small: rows with strings, numbers and dates. */
const page = (n: number, rows: number) => ({ rows: Array.from({ length: rows }, (_, i) => ({ id: `row-${n}-${i}`, startTime: new Date(n * 1000 + i), duration: i, from: { number: '+12125550100', name: 'Caller' } })), next: n + 1 });

test('the store is bounded in bytes: a flood of distinct entries levels off at the configured size', async () => {
  const one = approximateBytes(page(0, 20));
  assert.ok(one > 2000 && one < 20_000, `a 20-row page is about ${one} bytes`);
  const store = new MemoryCacheStore(100 * one);
  for (let n = 0; n < 1000; n++) await store.set(`page-${n}`, page(n, 20), 60_000);
  assert.ok(store.bytes <= 100 * one, `${store.bytes} bytes held`);
  assert.ok(store.size >= 90 && store.size <= 100, `${store.size} entries held`);
  assert.equal(await store.get('page-0'), undefined, 'the least recently used left first');
  assert.ok(await store.get('page-999'));
  // An entry larger than the whole store is not kept.
  await store.set('huge', page(1, 20 * 200), 60_000);
  assert.equal(await store.get('huge'), undefined);
});

test('expired entries are purged, not just hidden', async () => {
  const store = new MemoryCacheStore(1024 * 1024);
  for (let n = 0; n < 10; n++) await store.set(`k${n}`, page(n, 5), 20);
  assert.equal(store.size, 10);
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.equal(store.size, 0);
  assert.equal(store.bytes, 0);
});

test('approximateBytes counts what a value holds, shared parts once', () => {
  assert.equal(approximateBytes('abcd'), 16 + 8);
  const shared = { name: 'x'.repeat(1000) };
  const twice = approximateBytes([shared, shared]);
  assert.ok(twice < 2 * approximateBytes(shared), 'a value met twice counts once');
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic['self'] = cyclic;
  assert.ok(approximateBytes(cyclic) > 0, 'cycles end');
});
