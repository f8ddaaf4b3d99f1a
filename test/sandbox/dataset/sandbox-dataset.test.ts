import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SANDBOXES, createSandboxDataSet } from '../../../src/sandbox/registry';

/**
 * The sandbox's calls are what a vendor could say: every leg ends after it starts (and after it was answered),
 * and every recording lasts a whole positive number of seconds, as RingCentral's recording metadata requires
 * (GetCallRecordingResponse.duration, int32), exactly as long as its leg talked. The full data set: 3000 calls a vendor, every scenario many times.
 */
test('every leg of the full data set ends after its answer, and every recording lasts as long as its leg talked', () => {
  const dataSet = createSandboxDataSet({ callsPerVendor: 3000, days: 30, seed: 20261122, anchor: new Date(Date.UTC(2026, 11, 1)) });
  let recordings = 0;
  for (const { vendor } of SANDBOXES) {
    for (const call of dataSet.callsOf(vendor)) {
      for (const leg of call.legs) {
        assert.ok(leg.end.getTime() >= leg.start.getTime(), `${vendor} ${call.id}: a leg ends before it starts`);
        if (leg.answer) assert.ok(leg.end.getTime() >= leg.answer.getTime(), `${vendor} ${call.id}: a leg ends before its answer`);
        if (leg.recording) {
          recordings += 1;
          assert.ok(Number.isInteger(leg.recording.duration) && leg.recording.duration >= 1, `${vendor} ${call.id}: a recording of ${leg.recording.duration} s`);
          // As long as the leg talked: what the vendors report as its length (Telphin's cdr duration, CallGear's talk).
          assert.ok(leg.answer, `${vendor} ${call.id}: a recording on a leg nobody answered`);
          assert.equal(leg.recording.duration, (leg.end.getTime() - leg.answer.getTime()) / 1000, `${vendor} ${call.id} (${call.scenario}, ${leg.kind}): the recording's length`);
        }
      }
    }
  }
  assert.ok(recordings > 1500, `${recordings} recordings checked`);
});
