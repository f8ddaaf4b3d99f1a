import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collectRecordings, partyStatuses } from '../../../src/domain/call-session';
import { CallDirection, CallResult, EndedBy, LegRole } from '../../../src/domain/enums';
import { TpMappingError, mapCall, mapExtension, parseGmt } from '../../../src/vendors/telphin/mapper';
import { TpCall } from '../../../src/vendors/telphin/types';
import { TP_CDR_RESULTS, TP_DISPOSITIONS, callResult } from '../../../src/vendors/telphin/vocabulary';
import { fixture } from '../../support/fixtures';

const ctx = { account: 'tp', defaultCountry: 'RU' };
const item = () => fixture('telphin', 'call-history-item.json') as TpCall;

describe('acceptance on fixtures/telphin/call-history-item.json', () => {
  test('the session', () => {
    const s = mapCall(item(), ctx);
    assert.equal(s.nativeId, 'CAA308E3333C4A19AAED9C0254B9C61B');
    assert.equal(s.direction, CallDirection.OUTBOUND);
    assert.equal(s.result, CallResult.ANSWERED);
    assert.equal(s.vendorResult, 'bridged');
    assert.equal(s.startTime.toISOString(), '2021-01-01T16:29:38.000Z');
    assert.equal(s.endTime!.toISOString(), '2021-01-01T16:30:16.000Z');
    assert.equal(s.duration, 37);
    assert.equal(s.talkDuration, 24);
    assert.equal(s.endedBy, EndedBy.CALLER);
    assert.equal(s.to.phoneNumber, '+71111111111');
    // The SIP user places the call; the caller id the callee saw is the cdr's ani_number (vendors.md §3.7).
    assert.deepEqual(s.from, { rawNumber: '100*0111', phoneNumber: '+79666660435', name: null, location: null, extensionId: '469100' });
    assert.equal(s.extensionId, '469100');
  });

  test('its one leg, whose recording is also the session\'s', () => {
    const s = mapCall(item(), ctx);
    const legs = s.detail!.legs;
    assert.equal(legs.length, 1);
    assert.equal(legs[0]!.startTime.toISOString(), '2021-01-01T16:29:38.760Z');
    assert.equal(legs[0]!.result, CallResult.ANSWERED);
    assert.equal(legs[0]!.role, LegRole.CALLEE);
    assert.equal(legs[0]!.recording!.nativeId, '469100-5D36E5557F1845FEB577EDE8A19C5108');
    assert.deepEqual(collectRecordings(s.detail!.recordings, legs).map((r) => r.nativeId), ['469100-5D36E5557F1845FEB577EDE8A19C5108']);
    assert.equal(s.hasRecording, true);
    assert.deepEqual(partyStatuses(legs), { callerStatus: null, calleeStatus: CallResult.ANSWERED });
  });

  test('the same call from `calls` (no cdr) has no legs yet and cannot say whether it is recorded', () => {
    const { cdr: _cdr, ...call } = item();
    const s = mapCall(call, ctx);
    assert.equal(s.detail, null);
    assert.equal(s.hasRecording, null);
    assert.equal(s.result, CallResult.ANSWERED);
  });
});

describe('vocabulary (seed 004; vendors.md §3.4)', () => {
  test('every documented call result, cdr result and hangup disposition has a meaning', () => {
    assert.deepEqual(['bridged', 'answered', 'not answered', 'busy', 'rejected', 'failed'].map((r) => callResult(r, false)), [CallResult.ANSWERED, CallResult.ANSWERED, CallResult.MISSED, CallResult.BUSY, CallResult.REJECTED, CallResult.FAILED]);
    assert.equal(callResult('answered', true), CallResult.MISSED, 'inbound, answered by IVR or a queue only');
    assert.equal(callResult('teleported', true), CallResult.UNKNOWN);
    for (const r of ['busy', 'answered', 'not answered', 'answered elsewhere', 'failed', 'rejected', 'voicemail']) assert.ok(TP_CDR_RESULTS[r], r);
    assert.deepEqual(['callee_bye', 'caller_bye', 'caller_cancel', 'callee_refuse', 'internal_cancel', ''].map((d) => TP_DISPOSITIONS[d]), [EndedBy.CALLEE, EndedBy.CALLER, EndedBy.CALLER, EndedBy.CALLEE, EndedBy.SYSTEM, EndedBy.UNKNOWN]);
    const unknown = mapCall({ ...item(), result: 'teleported', hangup_disposition: 'alien' }, ctx);
    assert.equal(unknown.vendorResult, 'teleported');
    assert.equal(unknown.result, CallResult.UNKNOWN);
    assert.equal(unknown.endedBy, EndedBy.UNKNOWN);
  });

  test('inbound legs: IVR, queue, operator, forwarding, transfer and voicemail roles; 7… numbers become E.164', () => {
    const base = item().cdr![0]!;
    const leg = (over: object) => ({ ...base, flow: 'in', record_uuid: null, ...over });
    const s = mapCall(
      {
        ...item(),
        flow: 'in',
        from_username: '74955551234',
        from_screen_name: 'ACME',
        to_username: '100*301',
        result: 'bridged',
        cdr: [
          leg({ extension_type: 'ivr', to_username: '100*314', init_time_gmt: '2021-01-01 16:29:38.10' }),
          leg({ extension_type: 'queue', to_username: '100*312', init_time_gmt: '2021-01-01 16:29:40.00' }),
          leg({ extension_type: 'phone', to_username: '100*301', result: 'answered elsewhere', init_time_gmt: '2021-01-01 16:29:45.00' }),
          leg({ extension_type: 'phone', flow: 'out', to_username: '+79161234567', result: 'answered', init_time_gmt: '2021-01-01 16:29:50.00' }),
          leg({ extension_type: 'phone', flow: 'transfer', to_username: '100*302', result: 'answered', init_time_gmt: '2021-01-01 16:30:00.00' }),
          leg({ extension_type: 'phone', to_username: '100*303', result: 'voicemail', init_time_gmt: '2021-01-01 16:30:05.00' }),
        ],
      },
      ctx,
    );
    assert.equal(s.direction, CallDirection.INBOUND);
    assert.equal(s.from.phoneNumber, '+74955551234');
    assert.equal(s.from.name, 'ACME');
    assert.equal(s.to.extensionId, '469100');
    assert.deepEqual(s.detail!.legs.map((l) => l.role), [LegRole.IVR, LegRole.QUEUE, LegRole.CALLEE, LegRole.FORWARD, LegRole.TRANSFER, LegRole.VOICEMAIL]);
    assert.deepEqual(s.detail!.legs.map((l) => l.result), [CallResult.ANSWERED, CallResult.ANSWERED, CallResult.ANSWERED, CallResult.ANSWERED, CallResult.ANSWERED, CallResult.VOICEMAIL]);
    const internal = mapCall({ ...item(), to_username: '100*305', cdr: undefined }, ctx);
    assert.equal(internal.direction, CallDirection.INTERNAL);
  });

  test('malformed records are mapping errors; times parse with and without hundredths', () => {
    assert.throws(() => mapCall({ ...item(), call_uuid: '' }, ctx), TpMappingError);
    assert.throws(() => mapCall({ ...item(), init_time_gmt: '01/01/2021' }, ctx), TpMappingError);
    assert.throws(() => mapCall({ ...item(), flow: 'sideways' }, ctx), TpMappingError);
    assert.throws(() => mapCall({ ...item(), cdr: 'none' as never }, ctx), TpMappingError);
    assert.equal(parseGmt('2021-01-01 16:29:38.76')!.toISOString(), '2021-01-01T16:29:38.760Z');
    assert.equal(parseGmt('2021-01-01 16:29:38')!.toISOString(), '2021-01-01T16:29:38.000Z');
    assert.equal(parseGmt(null), null);
  });

  test('extensions: the number is after the "*"', () => {
    assert.deepEqual(mapExtension({ id: 469100, name: '100*0111', label: 'Reception', type: 'phone', status: 'active' }, 'tp'), {
      provider: 'TELPHIN',
      account: 'tp',
      nativeId: '469100',
      extensionNumber: '0111',
      name: 'Reception',
      type: 'phone',
      email: null,
    });
  });
});

test('record-list items (fixtures/telphin/records-list.json) are cdr items: mapped as legs, they carry their recordings', () => {
  const records = fixture('telphin', 'records-list.json') as Array<TpCall['cdr'] extends (infer C)[] | undefined ? C & { record_uuid: string } : never>;
  const s = mapCall({ ...item(), cdr: records }, ctx);
  assert.deepEqual(s.detail!.legs.map((l) => l.recording!.nativeId), records.map((r) => r.record_uuid));
  assert.equal(s.detail!.legs[0]!.startTime.toISOString(), '2021-01-01T00:00:05.980Z');
  assert.deepEqual(s.detail!.legs.map((l) => l.to.phoneNumber), ['+71112223344', '+71112223344']);
  assert.equal(s.detail!.legs[0]!.from.extensionId, '468944', 'an out leg: the extension is the caller');
});
