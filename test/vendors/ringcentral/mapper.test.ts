import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { partyStatuses } from '../../../src/domain/call-session';
import { CallDirection, CallResult, LegRole } from '../../../src/domain/enums';
import { RcMappingError, mapCallLogRecord } from '../../../src/vendors/ringcentral/mapper';
import { RcCallLogRecord } from '../../../src/vendors/ringcentral/types';
import { RC_LEG_ROLES, RC_RESULTS } from '../../../src/vendors/ringcentral/vocabulary';
import { fixture } from '../../support/fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FIXTURES } from '../../support/fixtures';

const ctx = { account: 'rc', defaultCountry: 'US' };
const map = (name: string) => mapCallLogRecord(fixture<RcCallLogRecord>('ringcentral', name), ctx);

describe('RingCentral mapper on the seed records', () => {
  test('seed001 RingOut: two legs, the callee leg turned to face like the call, both statuses', () => {
    const s = map('seed001-ringout-detailed.json');
    assert.equal(s.direction, CallDirection.OUTBOUND);
    assert.equal(s.result, CallResult.ANSWERED);
    assert.equal(s.vendorResult, 'Call connected');
    assert.equal(s.from.phoneNumber, '+16505550101');
    assert.equal(s.to.phoneNumber, '+12125550111');
    const [callee, caller] = s.detail!.legs;
    assert.equal(callee!.index, 0);
    assert.equal(callee!.legType, 'RingOutClientToSubscriber');
    assert.equal(callee!.role, LegRole.CALLEE);
    assert.equal(callee!.from.phoneNumber, '+16505550101');
    assert.equal(callee!.to.phoneNumber, '+12125550111');
    assert.equal(caller!.index, 1);
    assert.equal(caller!.legType, 'RingOutClientToCaller');
    assert.equal(caller!.role, LegRole.CALLER);
    assert.equal(caller!.master, true);
    assert.deepEqual(partyStatuses(s.detail!.legs), { callerStatus: CallResult.ANSWERED, calleeStatus: CallResult.ANSWERED });
  });

  test('seed000 FindMe: three legs in order, the third a FORWARD leg going OUTBOUND; placeholders kept raw', () => {
    const s = map('seed000-inbound-findme-detailed.json');
    assert.equal(s.direction, CallDirection.INBOUND);
    assert.equal(s.result, CallResult.ANSWERED);
    const legs = s.detail!.legs;
    assert.deepEqual(legs.map((l) => l.legType), ['Accept', 'Accept', 'FindMe']);
    assert.equal(legs[2]!.role, LegRole.FORWARD);
    assert.equal(legs[2]!.direction, CallDirection.OUTBOUND);
    assert.equal(s.from.phoneNumber, null);
    assert.equal(s.from.rawNumber, '+PHONE_NUMBER');
    assert.equal(legs[0]!.extensionId, null);
    assert.equal(legs[1]!.extensionId, '400000000001');
    assert.equal(legs[2]!.extensionId, '400000000001');
    assert.deepEqual(legs.map((l) => l.role), [LegRole.CALLER, LegRole.CALLEE, LegRole.FORWARD]);
  });

  test('seed003 accepted inbound: times, parties and the master leg', () => {
    const s = map('seed003-inbound-accepted-detailed.json');
    assert.equal(s.direction, CallDirection.INBOUND);
    assert.equal(s.result, CallResult.ANSWERED);
    assert.equal(s.duration, 7);
    assert.equal(s.startTime.toISOString(), '2018-09-11T13:24:09.000Z');
    assert.equal(s.endTime!.toISOString(), '2018-09-11T13:24:16.000Z');
    assert.deepEqual([s.from.phoneNumber, s.from.name, s.from.location], ['+16504445566', 'John Smith', 'Palo Alto, CA']);
    assert.deepEqual([s.to.phoneNumber, s.to.name], ['+18662019834', 'Jane Smith']);
    assert.equal(s.detail!.legs.length, 1);
    assert.equal(s.detail!.legs[0]!.master, true);
    assert.equal(s.extensionId, '1477535004');
  });

  test('a one-leg busy RingOut has a caller status and no callee status', () => {
    const record = fixture<RcCallLogRecord>('ringcentral', 'seed001-ringout-detailed.json');
    const busy: RcCallLogRecord = { ...record, result: 'Busy', legs: [{ ...record.legs![1]!, result: 'Busy' }] };
    const s = mapCallLogRecord(busy, ctx);
    assert.equal(s.result, CallResult.BUSY);
    assert.deepEqual(partyStatuses(s.detail!.legs), { callerStatus: CallResult.BUSY, calleeStatus: null });
  });
});

describe('RingCentral vocabulary', () => {
  test('every documented result value has a normalized meaning; unknown values keep the raw value', () => {
    const documented = ['911', '933', 'Abandoned', 'Accepted', 'Answered Not Accepted', 'Blocked', 'Busy', 'Call Failed', 'Call Failure', 'Call connected', 'Carrier is not active', 'Declined', 'EDGE trunk misconfigured', 'Fax Not Sent', 'Fax Partially Sent', 'Fax Poor Line', 'Fax Receipt Error', 'Fax on Demand', 'Hang Up', 'IP Phone Offline', 'In Progress', 'Internal Error', 'International Disabled', 'International Restricted', 'Missed', 'No Answer', 'No Calling Credit', 'Not Allowed', 'Partial Receive', 'Phone Login', 'Receive Error', 'Received', 'Rejected', 'Reply', 'Restricted Number', 'Send Error', 'Sent', 'Sent to Voicemail', 'Stopped', 'Suspended account', 'Unknown', 'Voicemail', 'Wrong Number', 'Answered Elsewhere', 'Callback requested'];
    assert.deepEqual(documented.filter((r) => !(r in RC_RESULTS)), []);
    const record = fixture<RcCallLogRecord>('ringcentral', 'seed003-inbound-accepted-detailed.json');
    const future = mapCallLogRecord({ ...record, result: 'Teleported', legs: [{ ...record.legs![0]!, legType: 'QuantumLeg' }] }, ctx);
    assert.equal(future.result, CallResult.UNKNOWN);
    assert.equal(future.vendorResult, 'Teleported');
    assert.equal(future.detail!.legs[0]!.legType, 'QuantumLeg');
  });

  test('every documented legType is covered by a fixed role or the generic rule', () => {
    const documented = ['SipForwarding', 'ServiceMinus2', 'ServiceMinus3', 'PstnToSip', 'Accept', 'FindMe', 'FollowMe', 'TestCall', 'FaxSent', 'CallBack', 'CallingCard', 'RingDirectly', 'RingOutWebToSubscriber', 'RingOutWebToCaller', 'SipToPstnMetered', 'RingOutClientToSubscriber', 'RingOutClientToCaller', 'RingMe', 'TransferCall', 'SipToPstnUnmetered', 'RingOutDeviceToSubscriber', 'RingOutDeviceToCaller', 'RingOutOneLegToCaller', 'ExtensionToExtension', 'CallPark', 'PagingServer', 'Hunting', 'OutgoingFreeSpDl', 'ParkLocation', 'CallMeCallOut', 'ConferenceCall', 'MobileApp', 'MoveToConference', 'Unknown', 'MeetingsCall', 'SilentMonitoring', 'Monitoring', 'Pickup', 'ImsCall', 'JoinCall', 'TextRelay', 'IvaCall', 'VoiceChat'];
    const generic = documented.filter((t) => !(t in RC_LEG_ROLES));
    assert.deepEqual(generic.sort(), ['Accept', 'CallBack', 'ExtensionToExtension', 'ImsCall', 'MobileApp', 'OutgoingFreeSpDl', 'Pickup', 'PstnToSip', 'RingDirectly', 'SipToPstnMetered', 'SipToPstnUnmetered']);
  });

  test('a malformed record is a mapping error, never a half-mapped row', () => {
    assert.throws(() => mapCallLogRecord({ id: 'x', startTime: 'not a date' } as RcCallLogRecord, ctx), RcMappingError);
    assert.throws(() => mapCallLogRecord({ startTime: '2020-01-01T00:00:00Z' } as RcCallLogRecord, ctx), RcMappingError);
    assert.throws(() => mapCallLogRecord({ id: 'x', startTime: '2020-01-01T00:00:00Z', legs: [{ startTime: '2020-01-01T00:00:00Z' }] } as unknown as RcCallLogRecord, ctx), RcMappingError);
  });
});

test("every result in RingCentral's own specification (CallResultEnum) has a meaning in the vocabulary", () => {
  const spec = parseYaml(readFileSync(join(FIXTURES, 'ringcentral', 'rc-public-openapi.yml'), 'utf8')) as { components: { schemas: Record<string, { enum?: string[] }> } };
  const documented = spec.components.schemas['CallResultEnum']!.enum!;
  assert.ok(documented.length > 40);
  assert.deepEqual(documented.filter((result) => !(result in RC_RESULTS)), []);
});
