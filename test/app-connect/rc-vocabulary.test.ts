import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toRcCallLogRecord } from '../../src/app-connect/rc-call-log-record';
import { CallDirection, CallResult, LegRole } from '../../src/domain/enums';
import { CallLeg } from '../../src/domain/call-session';
import { Provider } from '../support/providers';
import { makeSession } from '../support/session-factory';

const T = Date.parse('2026-11-30T10:00:00Z');
const leg = (index: number, role: LegRole, result: CallResult, extra: Partial<CallLeg> = {}): CallLeg => ({
  index,
  legType: 'vendor-type',
  role,
  master: null,
  startTime: new Date(T + index * 1000),
  answerTime: null,
  duration: 30,
  direction: CallDirection.INBOUND,
  result,
  vendorResult: 'vendor-result',
  from: { rawNumber: '+14155550100', phoneNumber: '+14155550100', name: null, location: null, extensionId: null },
  to: { rawNumber: '101', phoneNumber: null, name: 'Ann', location: null, extensionId: '77' },
  extensionId: '77',
  recording: null,
  ...extra,
});
const ctx = { sessionId: 'gid', uri: 'urn:callbridge:call-session:gid', recordingLink: () => 'http://cb/recordings/x' };

test("another vendor's session in RingCentral's words: direction, result and reason, leg types and actions, parties", () => {
  const session = makeSession(Provider.CALLGEAR!, 'cg', '1', T, { direction: CallDirection.INTERNAL, result: CallResult.MISSED, vendorResult: 'no_answer' });
  const record = toRcCallLogRecord(session, { legs: [leg(0, LegRole.CALLER, CallResult.ANSWERED), leg(1, LegRole.QUEUE, CallResult.MISSED), leg(2, LegRole.CALLEE, CallResult.BUSY)], recordings: [] }, ctx) as Record<string, any>;
  assert.equal(record['direction'], 'Outbound', 'an internal call is Outbound, as RingCentral logs it for its caller');
  assert.deepEqual([record['result'], record['reason']], ['Missed', 'Not Answered']);
  assert.deepEqual(record['legs'].map((l: any) => [l.legType, l.action, l.result, l.master]), [
    ['PstnToSip', 'Phone Call', 'Accepted', true],
    ['Hunting', 'Hunting', 'Missed', false],
    ['Accept', 'Accept Call', 'Busy', false],
  ]);
  assert.deepEqual(record['legs'][0].to, { extensionNumber: '101', extensionId: '77', name: 'Ann' }, 'an extension party: its number as extensionNumber');
  assert.deepEqual(record['legs'][0].extension, { id: 77, uri: 'urn:callbridge:call-session:gid:extension:77' });
  const named = toRcCallLogRecord({ ...session, extensionId: 'ext-a' }, { legs: [], recordings: [] }, ctx) as Record<string, any>;
  assert.equal(named['extension'], undefined, "RingCentral's extension id is an integer: a vendor's non-numeric id is not put there");
});

test("a RingCentral session keeps its own result and leg types; a recording is Callbridge's link", () => {
  const session = makeSession(Provider.RINGCENTRAL!, 'rc', 's-1', T, { result: CallResult.ANSWERED, vendorResult: 'Call connected' });
  const rec = { nativeId: 'r1', startTime: new Date(T), duration: 20, contentType: null };
  const record = toRcCallLogRecord(session, { legs: [leg(0, LegRole.CALLEE, CallResult.ANSWERED, { legType: 'RingOutWebToSubscriber', vendorResult: 'Accepted', recording: rec })], recordings: [rec] }, ctx) as Record<string, any>;
  assert.equal(record['result'], 'Call connected');
  assert.equal(record['reason'], undefined);
  assert.equal(record['legs'][0].legType, 'RingOutWebToSubscriber');
  assert.deepEqual(record['recording'], { id: 'r1', uri: 'http://cb/recordings/x', type: 'Automatic', contentUri: 'http://cb/recordings/x', link: 'http://cb/recordings/x' });
});
