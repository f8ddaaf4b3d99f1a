import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapCallLogRecord } from '../../../src/vendors/ringcentral/mapper';
import { foldCallRecords } from '../../../src/vendors/ringcentral/session-fold';
import { RcCallLogRecord } from '../../../src/vendors/ringcentral/types';
import { fixture } from '../../support/fixtures';

const ctx = { account: 'rc', defaultCountry: 'US' };

/**
 * Seed 000's inbound FindMe call (three legs) as two extensions' records of one call, the way RingCentral
 * aggregates per-extension records (vendors.md §1.10): the dialled extension's record holds the first two
 * legs, another extension's the first leg again and the FindMe leg.
 */
function twoRecords(): [RcCallLogRecord, RcCallLogRecord] {
  const seed = fixture<RcCallLogRecord>('ringcentral', 'seed000-inbound-findme-detailed.json');
  const legs = seed.legs!;
  const dialled = { ...seed, id: 'REC-A', telephonySessionId: 's-call', to: { ...seed.to, extensionId: '101' }, extension: { id: 101 }, legs: [{ ...legs[0]!, master: true }, legs[1]!], duration: 40 };
  const other = { ...seed, id: 'REC-B', telephonySessionId: 's-call', to: { ...seed.to, extensionId: '101' }, extension: { id: 202 }, result: 'Missed', legs: [legs[0]!, { ...legs[2]!, master: true }], duration: 54 };
  return [dialled as RcCallLogRecord, other as RcCallLogRecord];
}

test("a call's records fold into one session: the primary record's fields, every leg once, the longest duration", () => {
  const [a, b] = twoRecords().map((r) => mapCallLogRecord(r, ctx)) as [ReturnType<typeof mapCallLogRecord>, ReturnType<typeof mapCallLogRecord>];
  assert.equal(a.nativeId, 's-call');
  assert.equal(b.nativeId, 's-call');
  const folded = foldCallRecords(b, a);
  assert.equal(folded.extensionId, '101', 'the dialled extension is primary');
  assert.equal(folded.vendorResult, 'Accepted');
  assert.deepEqual(folded.recordIds, ['REC-A', 'REC-B']);
  assert.equal(folded.duration, 54);
  assert.deepEqual(folded.detail!.legs.map((leg) => [leg.index, leg.legType, leg.master]), [
    [0, 'Accept', true],
    [1, 'Accept', false],
    [2, 'FindMe', false],
  ]);
});

test('the fold does not depend on which record comes first, and folding a record in again changes nothing', () => {
  const [a, b] = twoRecords().map((r) => mapCallLogRecord(r, ctx)) as [ReturnType<typeof mapCallLogRecord>, ReturnType<typeof mapCallLogRecord>];
  const ab = foldCallRecords(a, b);
  assert.deepEqual(foldCallRecords(b, a), ab);
  assert.deepEqual(foldCallRecords(ab, b), ab);
  assert.deepEqual(foldCallRecords(a, ab), ab);
  assert.equal(foldCallRecords(a, a), a);
});

test('a record without a telephony session is named by its own id', () => {
  const seed = fixture<RcCallLogRecord>('ringcentral', 'seed000-inbound-findme-detailed.json');
  const session = mapCallLogRecord(seed, ctx);
  assert.equal(session.nativeId, 'CALL_LOG_RECORD_ID');
  assert.deepEqual(session.recordIds, ['CALL_LOG_RECORD_ID']);
});
