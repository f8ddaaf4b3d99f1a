import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CallStore, StoredChange } from '../../examples/partner-sync/src/store';

const session = (duration: number) => ({ provider: 'RINGCENTRAL', account: 'rc', nativeId: 's-1', startTime: '2026-11-30T10:00:00.000Z', duration, result: 'ANSWERED' });
const upsert = (id: string, version: number, duration: number): StoredChange => ({ kind: 'UPSERT', id, version, session: session(duration) });

test("the example's copy applies a change only over an older version, tombstones included, with its checkpoint", () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-'));
  const store = new CallStore(join(dir, 'copy.db'));
  try {
    assert.deepEqual(store.applyPage('all', [upsert('a', 5, 60)], [], 'cp1'), { applied: 1, skipped: 0, removed: 0 });
    assert.deepEqual(store.applyPage('all', [upsert('a', 3, 10)], [], 'cp2'), { applied: 0, skipped: 1, removed: 0 }, 'an older state delivered late');
    assert.equal(store.sessions()[0]!.duration, 60);
    store.applyPage('all', [{ kind: 'DELETE', id: 'a', version: 6, session: null }], [], 'cp3');
    store.applyPage('all', [upsert('a', 4, 70)], [], 'cp4');
    assert.equal(store.sessions().length, 0, 'an upsert older than the deletion does not bring it back');
    store.applyPage('all', [upsert('a', 7, 80)], [], 'cp5');
    assert.equal(store.sessions()[0]!.duration, 80, 'a newer one does');
    assert.equal(store.checkpoint('all'), 'cp5');
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("after an account's full re-read, what it did not deliver again is removed", () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-'));
  const store = new CallStore(join(dir, 'copy.db'));
  try {
    store.applyPage('all', [upsert('a', 5, 60), upsert('b', 5, 60), { ...upsert('c', 5, 60), session: { ...session(60), account: 'other' } }], [], 'cp1');
    const result = store.applyPage('all', [upsert('a', 9, 60)], [{ provider: 'RINGCENTRAL', account: 'rc', staleBefore: 8 }], 'cp2');
    assert.equal(result.removed, 1);
    assert.deepEqual(store.sessions().map((s) => s.id).sort(), ['a', 'c'], "b was not delivered again; c is another account's");
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
