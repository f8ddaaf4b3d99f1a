import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryCacheStore } from '../../src/upstream/cache-store';
import { SharedReads } from '../../src/upstream/shared-reads';
import { testCaller } from '../support/upstream';

test('shared reads keep successes for their TTL in a bounded store, and never keep a failure', async () => {
  // Room for two of these entries (about 80 bytes each: a short string kept in an object, and its key).
  const store = new MemoryCacheStore(200);
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
