import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadUserInputError } from '../../src/domain/errors';
import { Checkpoint, CheckpointCodec, MAX_CHECKPOINT_CHARS } from '../../src/history/change-checkpoint';
import { Signer } from '../../src/lib/signer';

const codec = new CheckpointCodec(new Signer('a-test-secret-a-test-secret-a-test-secret'));
const checkpoint: Checkpoint = {
  tenant: 't1',
  filterHash: 'f1',
  since: 1,
  clock: 2,
  accounts: { 'RINGCENTRAL/a': { mark: 3, walk: { from: 1, to: 3, after: null, resume: null }, token: 'tok', syncedAt: 3, pending: [{ nativeId: 's-1', startTime: 1 }], seen: '', resyncFrom: null } },
};

test('a checkpoint reads back as it was written, for its tenant and filter only', () => {
  const token = codec.encode(checkpoint);
  assert.deepEqual(codec.decode(token, { tenant: 't1', filterHash: 'f1' }), checkpoint);
  assert.throws(() => codec.decode(token, { tenant: 't2', filterHash: 'f1' }), BadUserInputError);
  assert.throws(() => codec.decode(token, { tenant: 't1', filterHash: 'f2' }), /another filter/);
  const [body, mac] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), since: 0 })).toString('base64url');
  assert.throws(() => codec.decode(`${forged}.${mac}`, { tenant: 't1', filterHash: 'f1' }), /not a valid checkpoint/);
  const otherKey = new CheckpointCodec(new Signer('another-secret-another-secret-another-secret'));
  assert.throws(() => otherKey.decode(token, { tenant: 't1', filterHash: 'f1' }), /not a valid checkpoint/);
});

test('a checkpoint longer than a cursor is accepted up to its own bound, and never written past it', () => {
  const big: Checkpoint = { ...checkpoint, accounts: { 'CALLGEAR/b': { ...checkpoint.accounts['RINGCENTRAL/a']!, seen: 'A'.repeat(20_000) } } };
  const token = codec.encode(big);
  assert.ok(token.length > 8192);
  assert.equal(codec.decode(token, { tenant: 't1', filterHash: 'f1' }).accounts['CALLGEAR/b']!.seen.length, 20_000);
  const huge: Checkpoint = { ...checkpoint, accounts: { 'CALLGEAR/b': { ...checkpoint.accounts['RINGCENTRAL/a']!, seen: 'A'.repeat(MAX_CHECKPOINT_CHARS) } } };
  assert.throws(() => codec.encode(huge), /grew past/);
});
