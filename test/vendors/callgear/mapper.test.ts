import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { partyStatuses } from '../../../src/domain/call-session';
import { CallDirection, CallResult, EndedBy, LegRole } from '../../../src/domain/enums';
import { CgMappingError, mapCallRow, mapEmployee, mapLegRows, resolveStart } from '../../../src/vendors/callgear/mapper';
import { CgCallRow, CgLegRow } from '../../../src/vendors/callgear/types';
import { CG_FINISH_REASONS } from '../../../src/vendors/callgear/vocabulary';

const ctx = { account: 'cg', zone: 'Europe/Berlin' };

/** A get.calls_report row in the documented shape (vendors.md §2.5), nulls where the docs allow them. */
const callRow = (over: Partial<CgCallRow> = {}): CgCallRow => ({
  id: 3000000035,
  start_time: '2026-07-01 12:00:00',
  finish_time: '2026-07-01 12:03:20',
  finish_reason: 'caller_disconnects',
  direction: 'in',
  is_lost: false,
  communication_id: 3000000035,
  contact_phone_number: '493055501234',
  contact_full_name: 'ACME GmbH',
  virtual_phone_number: '493055501000',
  wait_duration: 12,
  talk_duration: 188,
  total_duration: 200,
  call_records: ['2b1d7c5e9a3f4e6d8c0b1a2f3e4d5c6b'],
  voice_mail_records: [],
  employees: [{ employee_id: 812345, employee_full_name: 'Ava Novak', is_answered: true, is_talked: true }],
  last_answered_employee_id: 812345,
  ...over,
});

/** A get.call_legs_report row in seed 002's shape. */
const legRow = (over: Partial<CgLegRow> = {}): CgLegRow => ({
  id: 300000003500,
  call_session_id: 3000000035,
  call_records: [],
  start_time: '2026-07-01 12:00:00',
  connect_time: '2026-07-01 12:00:00',
  duration: 200,
  total_duration: 200,
  finish_reason: 'caller_disconnects',
  calling_phone_number: '493055501234',
  called_phone_number: '493055501000',
  virtual_phone_number: '493055501000',
  direction: 'in',
  is_transfered: false,
  is_operator: false,
  employee_id: null,
  is_talked: true,
  group_id: null,
  contact_phone_number: '493055501234',
  ...over,
});

describe('calls_report rows', () => {
  test('an answered inbound call: times from the zone, parties, owner, talk and who hung up', () => {
    const s = mapCallRow(callRow(), ctx);
    assert.equal(s.nativeId, '3000000035');
    assert.equal(s.startTime.toISOString(), '2026-07-01T10:00:00.000Z');
    assert.equal(s.endTime!.toISOString(), '2026-07-01T10:03:20.000Z');
    assert.equal(s.answerTime!.toISOString(), '2026-07-01T10:00:12.000Z');
    assert.equal(s.duration, 200);
    assert.equal(s.talkDuration, 188);
    assert.equal(s.direction, CallDirection.INBOUND);
    assert.equal(s.result, CallResult.ANSWERED);
    assert.equal(s.vendorResult, 'caller_disconnects');
    assert.equal(s.endedBy, EndedBy.CALLER, 'the contact called, and hung up');
    assert.deepEqual(s.from, { rawNumber: '493055501234', phoneNumber: '+493055501234', name: 'ACME GmbH', location: null, extensionId: null });
    assert.equal(s.to.phoneNumber, '+493055501000');
    assert.equal(s.to.extensionId, '812345');
    assert.equal(s.extensionId, '812345');
    assert.equal(s.hasRecording, true);
    assert.equal(s.detail, null, 'legs come from the legs report');
    assert.deepEqual(s.listedRecordings.map((r) => r.nativeId), ['3000000035/2b1d7c5e9a3f4e6d8c0b1a2f3e4d5c6b'], 'the session\'s own record travels on the session');
  });

  test('outbound: the contact is the callee, so "caller_disconnects" means the callee hung up', () => {
    const s = mapCallRow(callRow({ direction: 'out' }), ctx);
    assert.equal(s.direction, CallDirection.OUTBOUND);
    assert.equal(s.endedBy, EndedBy.CALLEE);
    assert.equal(s.to.rawNumber, '493055501234');
    assert.equal(mapCallRow(callRow({ direction: 'out', finish_reason: 'operator_disconnects' }), ctx).endedBy, EndedBy.CALLER);
    const internal = mapCallRow(callRow({ direction: 'out', contact_phone_number: '205' }), ctx);
    assert.equal(internal.direction, CallDirection.INTERNAL);
    assert.equal(internal.to.phoneNumber, null, 'an extension number is not a phone number');
    assert.equal(internal.to.rawNumber, '205');
  });

  test('is_lost is MISSED; voicemail, busy, failures and blocks are more specific', () => {
    const lost = (reason: string, extra: Partial<CgCallRow> = {}) => mapCallRow(callRow({ is_lost: true, finish_reason: reason, talk_duration: 0, call_records: [], ...extra }), ctx).result;
    assert.equal(lost('operator_not_responsive'), CallResult.MISSED);
    assert.equal(lost('caller_disconnects'), CallResult.MISSED);
    assert.equal(lost('caller_disconnects', { voice_mail_records: ['9f8e7d6c5b4a39281706f5e4d3c2b1a0'] }), CallResult.VOICEMAIL);
    assert.equal(lost('operator_busy'), CallResult.BUSY);
    assert.equal(lost('caller_number_problems'), CallResult.FAILED);
    assert.equal(lost('numa_in_black_list'), CallResult.REJECTED);
    assert.equal(lost('disconnect_before_call_processing'), CallResult.ABANDONED);
    // The values vendors.md §2.9 names from the current docs.
    assert.equal(lost('numb_not_exists'), CallResult.FAILED);
    assert.equal(lost('employee_status_break'), CallResult.MISSED);
    assert.equal(lost('max_in_call_reached'), CallResult.BUSY);
    assert.equal(lost('numa_dnd_interval'), CallResult.REJECTED);
    const lostRow = mapCallRow(callRow({ is_lost: true, finish_reason: 'timeout' }), ctx);
    assert.equal(lostRow.answerTime, null);
  });

  test('every documented finish_reason, current and older names, has a meaning; unknown values keep the raw value', () => {
    const documented = ['success_finish', 'operator_answer', 'another_operator_answer', 'caller_disconnects', 'operator_disconnects', 'transfer_disconnects', 'scenario_disconnects', 'caller_busy', 'caller_not_responsive', 'caller_number_problems', 'operator_busy', 'operator_not_responsive', 'operator_number_problems', 'operator_channels_busy', 'timeout', 'no_operation', 'no_success_caller_call', 'no_success_operator_call', 'disconnect_before_call_processing', 'call_enqueued', 'employee_busy', 'employee_inactive', 'sip_offline', 'numa_in_black_list', 'numa_in_spam_list', 'no_active_scenario', 'fax_session_done', 'no_money', 'internal_error', 'employees_not_exists', 'subscriber_disconnects', 'subscriber_busy', 'subscriber_not_responsible', 'subscriber_number_problems', 'employee_not_exists', 'scenario_not_found', 'phone_group_inactive_by_schedule', 'employee_phone_not_found', 'employee_status_not_at_workplace', 'numb_not_exists', 'employee_status_break', 'group_inactive_by_schedule', 'max_in_call_reached', 'numa_dnd_interval'];
    for (const reason of documented) assert.ok(CG_FINISH_REASONS[reason], reason);
    assert.deepEqual(CG_FINISH_REASONS['subscriber_disconnects'], CG_FINISH_REASONS['caller_disconnects']);
    assert.deepEqual(CG_FINISH_REASONS['subscriber_busy'], CG_FINISH_REASONS['caller_busy']);
    const unknown = mapCallRow(callRow({ finish_reason: 'martian_interference' }), ctx);
    assert.equal(unknown.result, CallResult.UNKNOWN);
    assert.equal(unknown.vendorResult, 'martian_interference');
    assert.equal(unknown.endedBy, EndedBy.UNKNOWN);
    const nulls = mapCallRow(callRow({ finish_reason: null, finish_time: null, contact_full_name: null, virtual_phone_number: null, employees: null, last_answered_employee_id: null, call_records: null, wait_duration: null }), ctx);
    assert.equal(nulls.result, CallResult.UNKNOWN);
    assert.equal(nulls.endTime!.toISOString(), '2026-07-01T10:03:20.000Z', 'from total_duration');
    assert.equal(nulls.extensionId, null);
    assert.equal(nulls.hasRecording, false);
  });

  test('malformed rows are mapping errors, never half-mapped rows', () => {
    assert.throws(() => mapCallRow({ ...callRow(), id: '12' as unknown as number }, ctx), CgMappingError);
    assert.throws(() => mapCallRow(callRow({ start_time: '2026-07-01T12:00:00Z' }), ctx), CgMappingError);
    assert.throws(() => mapCallRow(callRow({ direction: 'sideways' as 'in' }), ctx), CgMappingError);
    assert.throws(() => mapCallRow(callRow({ start_time: '2026-03-29 02:30:00' }), ctx), /does not exist in Europe\/Berlin/);
    assert.throws(() => mapEmployee({ id: null as unknown as number }, 'cg'), CgMappingError);
  });
});

describe('the hour repeated when clocks go back (2026-10-25, Europe/Berlin)', () => {
  test('an unambiguous finish settles the start; otherwise the pass does', () => {
    // 02:50 wall, lasting 20 minutes: finishing 03:10 CET (unambiguous) means 02:50 was CET, the second pass.
    assert.equal(new Date(resolveStart({ start_time: '2026-10-25 02:50:00', finish_time: '2026-10-25 03:10:00', total_duration: 1200 }, ctx.zone)).toISOString(), '2026-10-25T01:50:00.000Z');
    // Starting 01:50 CEST and ending 02:10 (either pass): 20 minutes after 01:50 CEST is 02:10 CEST.
    const s = mapCallRow(callRow({ start_time: '2026-10-25 01:50:00', finish_time: '2026-10-25 02:10:00', total_duration: 1200 }), ctx);
    assert.equal(s.endTime!.toISOString(), '2026-10-25T00:10:00.000Z');
    const both = { start_time: '2026-10-25 02:10:00', finish_time: '2026-10-25 02:20:00', total_duration: 600 };
    assert.equal(new Date(resolveStart(both, ctx.zone, 1)).toISOString(), '2026-10-25T00:10:00.000Z');
    assert.equal(new Date(resolveStart(both, ctx.zone, 2)).toISOString(), '2026-10-25T01:10:00.000Z');
  });
});

describe('legs', () => {
  const session = mapCallRow(callRow({ id: 77, communication_id: 77 }), ctx);
  const legs = [
    legRow({ id: 7702, call_session_id: 77, start_time: '2026-07-01 12:00:30', connect_time: '2026-07-01 12:00:35', is_operator: true, employee_id: 812345, called_phone_number: '201', finish_reason: 'transfer_disconnects', call_records: [] }),
    legRow({ id: 7700, call_session_id: 77 }),
    legRow({ id: 7701, call_session_id: 77, start_time: '2026-07-01 12:00:00', connect_time: '2026-07-01 12:00:00', group_id: 401, called_phone_number: '212', finish_reason: 'success_finish' }),
    legRow({ id: 7703, call_session_id: 77, start_time: '2026-07-01 12:01:30', connect_time: '2026-07-01 12:01:33', is_transfered: true, is_operator: true, employee_id: 812346, called_phone_number: '202', call_records: ['aa11bb22cc33dd44ee55ff6600112233'] }),
    legRow({ id: 7704, call_session_id: 77, start_time: '2026-07-01 12:00:30', connect_time: null, is_operator: true, employee_id: 812347, is_talked: false, finish_reason: 'operator_not_responsive', duration: 0 }),
  ];

  test('roles, results, recordings and party statuses from the legs that reached the contact and the employee', () => {
    const detail = mapLegRows(legs, { ...session, listedRecordings: [{ nativeId: '77/aa11bb22cc33dd44ee55ff6600112233', startTime: null, duration: null, contentType: null }] }, ctx);
    assert.deepEqual(detail.legs.map((l) => [l.legType, l.role]), [
      ['contact', LegRole.CALLER],
      ['group', LegRole.QUEUE],
      ['operator', LegRole.CALLEE],
      ['operator', LegRole.CALLEE],
      ['transfer', LegRole.TRANSFER],
    ]);
    assert.equal(detail.legs[2]!.to.extensionId, '812345');
    assert.equal(detail.legs[2]!.to.phoneNumber, null);
    assert.equal(detail.legs[2]!.answerTime!.toISOString(), '2026-07-01T10:00:35.000Z');
    assert.equal(detail.legs[3]!.result, CallResult.MISSED);
    assert.equal(detail.legs[4]!.recording!.nativeId, '77/aa11bb22cc33dd44ee55ff6600112233');
    assert.deepEqual(detail.recordings.map((r) => r.nativeId), ['77/aa11bb22cc33dd44ee55ff6600112233']);
    assert.deepEqual(partyStatuses(detail.legs), { callerStatus: CallResult.ANSWERED, calleeStatus: CallResult.ANSWERED });
    const outbound = mapCallRow(callRow({ id: 78, direction: 'out' }), ctx);
    const out = mapLegRows([legRow({ id: 7800, call_session_id: 78, direction: 'out', is_operator: true, employee_id: 812345 }), legRow({ id: 7801, call_session_id: 78, direction: 'out', is_talked: false, connect_time: null, finish_reason: 'caller_busy' })], outbound, ctx);
    assert.deepEqual(out.legs.map((l) => l.role), [LegRole.CALLER, LegRole.CALLEE]);
    assert.deepEqual(partyStatuses(out.legs), { callerStatus: CallResult.ANSWERED, calleeStatus: CallResult.BUSY });
  });

  test('a leg without a usable start is a mapping error', () => {
    assert.throws(() => mapLegRows([legRow({ start_time: 'yesterday' })], session, ctx), CgMappingError);
  });

  test('employees map to extensions', () => {
    assert.deepEqual(mapEmployee({ id: 812345, full_name: 'Ava Novak', email: 'ava.novak@northwind.example', extension: { extension_phone_number: '201' } }, 'cg'), {
      provider: 'CALLGEAR',
      account: 'cg',
      nativeId: '812345',
      extensionNumber: '201',
      name: 'Ava Novak',
      type: 'employee',
      email: 'ava.novak@northwind.example',
    });
  });
});
