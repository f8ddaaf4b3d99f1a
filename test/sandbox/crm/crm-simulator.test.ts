import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RunningCrmSimulator } from '../../../src/sandbox/crm/crm-simulator';
import { crmFetch, setCrmFaults, startTestCrm } from '../../support/crm';

let crm: RunningCrmSimulator;
before(async () => {
  crm = await startTestCrm({ requestsPer2s: 30 });
});
after(() => crm.stop());

const activity = { subject: 'Inbound Call from A', type: 'call', done: true, due_date: '2026-11-30', due_time: '09:15', duration: '00:03', note: '<b>hi</b>', call_session_id: 's-1' };

test('every API request needs the bearer token', async () => {
  for (const authorization of [null, 'Bearer wrong', crm.token]) {
    const res = await crmFetch(crm, '/v1/activities', { authorization });
    assert.equal(res.status, 401, String(authorization));
    assert.deepEqual(await res.json(), { success: false, error: 'unauthorized access', errorCode: 401 });
  }
});

test('people are found by exact phone number, the newest first; some numbers have two people and some none', async () => {
  const people = crm.people();
  const counts = new Map<string, number>();
  for (const p of people) counts.set(p.phone[0]!.value, (counts.get(p.phone[0]!.value) ?? 0) + 1);
  const twin = [...counts].find(([, n]) => n === 2)![0];
  const res = await crmFetch(crm, `/v1/persons/search?term=${encodeURIComponent(twin)}&fields=phone&exact_match=true`);
  const items = ((await res.json()) as { data: { items: Array<{ item: { id: number; add_time: string } }> } }).data.items;
  assert.equal(items.length, 2);
  assert.ok(items[0]!.item.id > items[1]!.item.id && items[0]!.item.add_time > items[1]!.item.add_time, 'the later-created twin comes first');
  const partial = await crmFetch(crm, `/v1/persons/search?term=${encodeURIComponent(twin.slice(0, -1))}&fields=phone&exact_match=true`);
  assert.equal(((await partial.json()) as { data: { items: unknown[] } }).data.items.length, 0, 'exact means exact');
  assert.equal((await crmFetch(crm, '/v1/persons/search?term=1')).status, 400, 'a term of one character is refused');
});

test('activities: created with validation, read, found by call, updated in place', async () => {
  for (const [body, problem] of [
    [{ ...activity, subject: undefined }, 'subject is required'],
    [{ ...activity, due_time: '9:15' }, 'due_time must be HH:MM'],
    [{ ...activity, person_id: 999_999 }, 'person_id is not a person'],
    [{ ...activity, colour: 'red' }, 'unknown fields: colour'],
  ] as const) {
    const res = await crmFetch(crm, '/v1/activities', { method: 'POST', body });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: string }).error, problem);
  }
  const created = await crmFetch(crm, '/v1/activities', { method: 'POST', body: { ...activity, call_session_id: 's-find-me' } });
  assert.equal(created.status, 201);
  const { id } = ((await created.json()) as { data: { id: number } }).data;
  const found = (await (await crmFetch(crm, '/v1/activities?call_session_id=s-find-me')).json()) as { data: Array<{ id: number }> };
  assert.deepEqual(found.data.map((a) => a.id), [id]);
  const put = await crmFetch(crm, `/v1/activities/${id}`, { method: 'PUT', body: { note: 'new', duration: '00:09' } });
  assert.equal(put.status, 200);
  const read = (await (await crmFetch(crm, `/v1/activities/${id}`)).json()) as { data: { note: string; duration: string; subject: string } };
  assert.deepEqual([read.data.note, read.data.duration, read.data.subject], ['new', '00:09', activity.subject]);
  assert.equal((await crmFetch(crm, '/v1/activities/424242')).status, 404);
});

test('a token may make 30 requests in any 2 seconds: the next is a 429 with Retry-After', async () => {
  await new Promise((resolve) => setTimeout(resolve, 2100));
  const statuses = await Promise.all(Array.from({ length: 34 }, () => crmFetch(crm, '/v1/activities?limit=1').then((r) => [r.status, r.headers.get('retry-after')] as const)));
  assert.equal(statuses.filter(([s]) => s === 200).length, 30);
  assert.deepEqual(statuses.filter(([s]) => s === 429), Array.from({ length: 4 }, () => [429, '2']));
  await new Promise((resolve) => setTimeout(resolve, 2100));
});

test('faults: 5xx, and a write that is done but never answered', async () => {
  await setCrmFaults(crm, { errorRate: 1 });
  assert.equal((await crmFetch(crm, '/v1/activities')).status, 503);
  await setCrmFaults(crm, {});
  crm.setLostAnswerRate(1);
  const before = crm.activities().length;
  await assert.rejects(crmFetch(crm, '/v1/activities', { method: 'POST', body: { ...activity, call_session_id: 's-lost' } }));
  crm.setLostAnswerRate(0);
  assert.equal(crm.activities().length, before + 1, 'the activity exists although its answer was lost');
  const page = await (await fetch(`${crm.baseUrl}/`)).text();
  assert.match(page, /Sandbox CRM/);
  assert.match(page, /&#60;b&#62;hi&#60;\/b&#62;/, 'notes are shown escaped');
});
