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

test('concurrent reads of one key share one load (one mapping), a reader who leaves fails alone, and the load stops only when all have left', async () => {
  const reads = new SharedReads({ vendor: 'V', account: 'a' }, new MemoryCacheStore(1024 * 1024), 60_000);
  let loads = 0;
  let release!: () => void;
  const signals: AbortSignal[] = [];
  const slow = async (caller: { signal: AbortSignal }) => {
    loads += 1;
    signals.push(caller.signal);
    await new Promise<void>((resolve) => (release = resolve));
    return `page${loads}`;
  };
  const leaving = new AbortController();
  const readers = [reads.read('page', 'p', { ...testCaller(), signal: leaving.signal }, slow), ...Array.from({ length: 9 }, () => reads.read('page', 'p', testCaller(), slow))];
  const other = reads.read('page', 'q', testCaller(), async () => 'q');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(loads, 1, 'ten readers, one load');
  leaving.abort();
  await assert.rejects(readers[0]!, (e: Error & { code?: string }) => e.code === 'CANCELLED');
  assert.equal(signals[0]!.aborted, false, 'the others still wait: the load goes on');
  release();
  assert.deepEqual(await Promise.all(readers.slice(1)), Array(9).fill('page1'));
  assert.equal(await other, 'q', 'another key loads on its own');

  // Every reader leaves: the shared load's signal aborts.
  const all = new AbortController();
  const abandoned = reads.read('page', 'r', { ...testCaller(), signal: all.signal }, slow);
  await new Promise((resolve) => setImmediate(resolve));
  all.abort();
  await assert.rejects(abandoned);
  assert.equal(signals[1]!.aborted, true);
  release();
});
