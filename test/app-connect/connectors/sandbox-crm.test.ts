import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sandboxCrmConnector } from '../../../src/app-connect/connectors/sandbox-crm';
import { RunningCrmSimulator } from '../../../src/sandbox/crm/crm-simulator';
import { crmUser, startTestCrm } from '../../support/crm';

let crm: RunningCrmSimulator;
before(async () => {
  crm = await startTestCrm();
});
after(() => crm.stop());

const record = { sessionId: 'cb-session-1', telephonySessionId: 'cb-session-1', direction: 'Inbound', startTime: '2026-11-30T09:15:42.000Z', duration: 185, result: 'Accepted', from: { phoneNumber: '+12125550100' }, to: { phoneNumber: '+16505550100' } };

test('findContact answers every person with the number, with the date each was created', async () => {
  const person = crm.people()[0]!;
  const number = person.phone[0]!.value;
  const answer = await sandboxCrmConnector.findContact({ user: crmUser(crm), authHeader: `Bearer ${crm.token}`, phoneNumber: number });
  const expected = crm.people().filter((p) => p.phone[0]!.value === number).reverse();
  assert.deepEqual(answer.matchedContactInfo!.map((c) => [c.id, c.name, c.createdDate]), expected.map((p) => [String(p.id), p.name, `${p.add_time.replace(' ', 'T')}Z`]));
  const none = await sandboxCrmConnector.findContact({ user: crmUser(crm), authHeader: `Bearer ${crm.token}`, phoneNumber: '+19999999999' });
  assert.deepEqual(none.matchedContactInfo, []);
});

test('createCallLog writes the Pipedrive-style activity with the composed note; getCallLog finds it by id and by call; updateCallLog rewrites it', async () => {
  const person = crm.people()[0]!;
  const created = await sandboxCrmConnector.createCallLog({
    user: crmUser(crm),
    contactInfo: { id: String(person.id), name: person.name, phoneNumber: record.from.phoneNumber },
    authHeader: `Bearer ${crm.token}`,
    callLog: record,
    note: 'agent note',
    additionalSubmission: null,
    aiNote: null,
    transcript: null,
    composedLogDetails: '- Note: agent note\n',
    isFromSSCL: false,
  });
  const activity = crm.activities().find((a) => String(a.id) === created.logId)!;
  assert.deepEqual(
    { subject: activity.subject, due: `${activity.due_date} ${activity.due_time}`, duration: activity.duration, person: activity.person_id, user: activity.user_id, note: activity.note, call: activity.call_session_id },
    { subject: `Inbound Call from ${person.name}`, due: '2026-11-30 09:15', duration: '00:03', person: person.id, user: 7, note: '- Note: agent note\n', call: 'cb-session-1' },
  );
  const auth = `Bearer ${crm.token}`;
  const byId = await sandboxCrmConnector.getCallLog({ user: crmUser(crm), authHeader: auth, callLogId: String(created.logId) });
  const byCall = await sandboxCrmConnector.getCallLog({ user: crmUser(crm), authHeader: auth, callLogId: null, telephonySessionId: 'cb-session-1' });
  assert.equal(byId.callLogInfo!.logId, created.logId);
  assert.equal(byCall.callLogInfo!.logId, created.logId);
  assert.equal((await sandboxCrmConnector.getCallLog({ user: crmUser(crm), authHeader: auth, callLogId: null, telephonySessionId: 'no-such-call' })).callLogInfo, null);
  const updated = await sandboxCrmConnector.updateCallLog({
    user: crmUser(crm),
    existingCallLog: { thirdPartyLogId: String(created.logId), sessionId: 'cb-session-1' },
    authHeader: auth,
    recordingLink: null,
    recordingDownloadLink: null,
    subject: null,
    note: null,
    startTime: record.startTime,
    duration: 3700,
    result: 'Accepted',
    legs: [],
    composedLogDetails: '- Note: agent note\n- Duration: 1 hour 1 minute 40 seconds\n',
    existingCallLogDetails: null,
    isFromSSCL: true,
  });
  assert.equal(updated.updatedNote, '- Note: agent note\n- Duration: 1 hour 1 minute 40 seconds\n');
  assert.deepEqual([activity.duration, activity.note], ['01:02', updated.updatedNote]);
  await assert.rejects(sandboxCrmConnector.findContact({ user: crmUser(crm), authHeader: 'Bearer nope', phoneNumber: '+12125550100' }), (e: { response?: { status: number } }) => e.response?.status === 401);
});
