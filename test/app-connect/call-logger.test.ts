import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CallLogLedger } from '../../src/app-connect/call-log-ledger';
import { CallLogger, LogPayload, fingerprintOf } from '../../src/app-connect/call-logger';
import { AppConnectConnector, ConnectorSettings } from '../../src/app-connect/connector';
import { sandboxCrmConnector } from '../../src/app-connect/connectors/sandbox-crm';
import { ContactCache } from '../../src/app-connect/contact-matcher';
import { CrmUnavailableError, RateLimitedError } from '../../src/domain/errors';
import { RunningCrmSimulator } from '../../src/sandbox/crm/crm-simulator';
import { crmFetch, crmUser, setCrmFaults, startTestCrm } from '../support/crm';

let crm: RunningCrmSimulator;
let dir: string;
before(async () => {
  crm = await startTestCrm({ requestsPer2s: 10_000 });
  dir = mkdtempSync(join(tmpdir(), 'call-logger-'));
});
after(async () => {
  await crm.stop();
  rmSync(dir, { recursive: true, force: true });
});

let ledgers = 0;
/** A logger over a ledger of its own, the sandbox CRM and the sample connector (or a wrapper of it), on a clock the test may move. */
function makeLogger(options: { connector?: AppConnectConnector; settings?: Partial<ConnectorSettings>; clock?: { t: number } } = {}) {
  const clock = options.clock;
  const now = clock ? () => clock.t : Date.now;
  const calls: string[] = [];
  const settings: ConnectorSettings = {
    tenant: 't1',
    name: 'crm',
    authHeader: `Bearer ${crm.token}`,
    logFormat: 'text/plain',
    user: crmUser(crm),
    userMapping: [],
    timeoutMs: 2000,
    contactCacheMs: 60_000,
    ...options.settings,
  };
  const logger = new CallLogger({
    ledger: new CallLogLedger(join(dir, `ledger-${++ledgers}.db`)),
    connectors: [{ settings, connector: options.connector ?? sandboxCrmConnector }],
    contacts: new ContactCache(1024 * 1024, now),
    retryBaseMs: 1000,
    retryMaxMs: 60_000,
    observer: { crmCall: (_c, operation, outcome) => void calls.push(`${operation}:${outcome}`) },
    now,
    random: () => 1,
  });
  return { logger, calls, settings };
}

let sessions = 0;
/** A call's payload as a RingCentral record: inbound from an outside number to extension 101. */
function payload(overrides: { number?: string; duration?: number; recording?: boolean; note?: string | null; session?: string } = {}): { key: { tenant: string; sessionId: string; connector: string }; payload: LogPayload } {
  const sessionId = overrides.session ?? `session-${process.pid}-${++sessions}`;
  const number = overrides.number ?? crm.people()[0]!.phone[0]!.value;
  const duration = overrides.duration ?? 42;
  const record = {
    id: sessionId,
    sessionId,
    telephonySessionId: sessionId,
    startTime: '2026-11-30T09:15:42.000Z',
    duration,
    direction: 'Inbound',
    result: 'Accepted',
    from: { phoneNumber: number, name: 'Caller' },
    to: { phoneNumber: '+16505550100', extensionNumber: '101', name: 'Agent' },
    ...(overrides.recording ? { recording: { id: 'rec-1', type: 'Automatic', contentUri: 'https://callbridge.test/recordings/x', link: 'https://callbridge.test/recordings/x', uri: 'urn:x' } } : {}),
    legs: [{ legType: 'Accept', direction: 'Inbound', action: 'Phone Call', result: 'Accepted', startTime: '2026-11-30T09:15:42.000Z', duration, from: { phoneNumber: number }, to: { phoneNumber: '+16505550100', name: 'Agent' } }],
  };
  return { key: { tenant: 't1', sessionId, connector: 'crm' }, payload: { record, account: 'acc', note: overrides.note ?? null, contact: null } };
}

const activitiesOf = (sessionId: string) => crm.activities().filter((a) => a.call_session_id === sessionId);
const deadline = () => Date.now() + 10_000;

test('concurrent logCalls of one call with different notes make one activity, and every note reaches it', async () => {
  const { logger } = makeLogger();
  const { key, payload: base } = payload();
  const outcomes = await Promise.all(['first', 'second', 'third', 'fourth'].map((note) => logger.logNow(key, { ...base, note }, deadline())));
  assert.equal(outcomes.filter((o) => o.kind === 'created').length, 1, JSON.stringify(outcomes));
  assert.equal(new Set(outcomes.map((o) => o.logId)).size, 1);
  const [activity] = activitiesOf(key.sessionId);
  assert.equal(activitiesOf(key.sessionId).length, 1);
  const last = logger.ledger.entry(key)!;
  assert.equal(last.retryAt, null, 'nothing left to do');
  assert.match(activity!.note!, new RegExp(`- Note: ${JSON.parse(last.payload).note}`), 'the activity says the note the ledger holds');
});

test("the contact is App Connect's earliest-created match, looked up once per number", async () => {
  const counts = new Map<string, number>();
  for (const p of crm.people()) counts.set(p.phone[0]!.value, (counts.get(p.phone[0]!.value) ?? 0) + 1);
  const twin = [...counts].find(([, n]) => n === 2)![0];
  const original = crm.people().find((p) => p.phone[0]!.value === twin)!;
  const { logger, calls } = makeLogger();
  for (let i = 0; i < 3; i++) {
    const { key, payload: p } = payload({ number: twin });
    await logger.logNow(key, p, deadline());
    assert.equal(activitiesOf(key.sessionId)[0]!.person_id, original.id, 'the first-created person, not the duplicate the CRM lists first');
  }
  assert.equal(calls.filter((c) => c.startsWith('findContact')).length, 1, 'one lookup for three calls of the number');
  const { key, payload: nobody } = payload({ number: '+19995550000' });
  await logger.logNow(key, nobody, deadline());
  assert.equal(activitiesOf(key.sessionId)[0]!.person_id, null, 'a number nobody has: logged without a person');
});

test('a CRM 5xx leaves the call pending with a backoff; it is logged when due, and the status says so', async () => {
  const clock = { t: Date.now() };
  const { logger } = makeLogger({ clock });
  const { key, payload: p } = payload();
  await setCrmFaults(crm, { errorRate: 1 });
  try {
    await assert.rejects(logger.logNow(key, p, deadline()), (e: unknown) => e instanceof CrmUnavailableError && e.retryAt === clock.t + 1000 && /the CRM answered 503/.test(e.message));
  } finally {
    await setCrmFaults(crm, {});
  }
  const entry = logger.ledger.entry(key)!;
  assert.deepEqual([entry.state, entry.attempts, entry.lastError, entry.retryAt], ['pending', 1, 'the CRM answered 503', clock.t + 1000]);
  assert.deepEqual(
    logger.status('t1').map((s) => [s.state, s.pending, s.failing, s.lastError]),
    [['FAILING', 1, 1, 'the CRM answered 503']],
  );
  assert.deepEqual(await logger.work(key), { kind: 'busy', until: clock.t + 1000 }, 'not before its retry');
  clock.t += 1000;
  assert.deepEqual(logger.ledger.due(clock.t, 10).map((e) => e.sessionId), [key.sessionId]);
  const done = await logger.work(key);
  assert.equal(done.kind, 'created');
  assert.equal(activitiesOf(key.sessionId).length, 1);
  assert.deepEqual(logger.status('t1').map((s) => [s.state, s.logged, s.pending]), [['OK', 1, 0]]);
});

test("a CRM 429 is RATE_LIMITED with its Retry-After, and the connector is left alone until then", async () => {
  const clock = { t: Date.now() };
  const { logger } = makeLogger({ clock });
  const { key, payload: p } = payload();
  await setCrmFaults(crm, { rateLimitRate: 1 });
  try {
    await assert.rejects(logger.logNow(key, p, deadline()), (e: unknown) => e instanceof RateLimitedError && e.retryAfter === 1);
  } finally {
    await setCrmFaults(crm, {});
  }
  assert.equal(logger.status('t1')[0]!.state, 'RATE_LIMITED');
  const other = payload();
  logger.ledger.want(other.key, logger.wantOf(other.payload), clock.t);
  assert.equal((await logger.work(other.key)).kind, 'busy', 'another call waits for the CRM too');
  clock.t += 1000;
  assert.equal((await logger.work(other.key)).kind, 'created');
});

test("logCall waits for the CRM's short Retry-After and asks again within the request", async () => {
  let refused = 0;
  const busyOnce: AppConnectConnector = {
    ...sandboxCrmConnector,
    createCallLog: async (args) => {
      if (refused++ === 0) throw Object.assign(new Error('Request failed with status code 429'), { response: { status: 429, headers: { 'retry-after': '1' } } });
      return sandboxCrmConnector.createCallLog(args);
    },
  };
  const { logger } = makeLogger({ connector: busyOnce });
  const { key, payload: p } = payload();
  const started = Date.now();
  const outcome = await logger.logNow(key, p, deadline());
  assert.equal(outcome.kind, 'created');
  assert.ok(Date.now() - started >= 1000, 'after the CRM\'s second');
  assert.equal(refused, 2);
  assert.equal(activitiesOf(key.sessionId).length, 1);
});

test('a creation whose answer was lost is found by getCallLog, not created again, and then brought up to date', async () => {
  const { logger, calls } = makeLogger();
  const { key, payload: p } = payload({ note: 'hello' });
  crm.setLostAnswerRate(1);
  try {
    await assert.rejects(logger.logNow(key, p, deadline()), CrmUnavailableError);
  } finally {
    crm.setLostAnswerRate(0);
  }
  assert.equal(activitiesOf(key.sessionId).length, 1, 'the CRM made it');
  const outcome = await logger.logNow(key, p, deadline());
  assert.equal(activitiesOf(key.sessionId).length, 1, 'and it was not made twice');
  assert.equal(outcome.logId, String(activitiesOf(key.sessionId)[0]!.id));
  assert.ok(calls.includes('getCallLog:ok'));
  assert.equal(logger.ledger.entry(key)!.retryAt, null);
});

test("a creation that times out keeps its lease; the CRM's late answer is recorded, and nothing is created twice", async () => {
  const { logger } = makeLogger({ settings: { timeoutMs: 300 } });
  // The number's contact is looked up (and kept) first, so that the write is what the slow CRM holds up.
  const warm = payload();
  await logger.logNow(warm.key, warm.payload, deadline());
  const { key, payload: p } = payload();
  await setCrmFaults(crm, { latencyMs: [900, 900] });
  try {
    await assert.rejects(logger.logNow(key, p, Date.now() + 600), (e: unknown) => e instanceof CrmUnavailableError && /did not finish within 300 ms/.test(e.message));
    // The write timed out, and it still holds the call.
    assert.equal((await logger.work(key, true)).kind, 'busy');
  } finally {
    await setCrmFaults(crm, {});
  }
  await new Promise((resolve) => setTimeout(resolve, 1200));
  const entry = logger.ledger.entry(key)!;
  assert.equal(entry.state, 'logged', 'the late answer was recorded');
  assert.equal(entry.logId, String(activitiesOf(key.sessionId)[0]!.id));
  assert.equal((await logger.logNow(key, p, deadline())).kind, 'unchanged');
  assert.equal(activitiesOf(key.sessionId).length, 1);
});

test('a later recording, duration or note updates the activity in place, keeping what a person wrote around it', async () => {
  const { logger } = makeLogger({ settings: { logFormat: 'text/plain' } });
  const { key, payload: p } = payload({ duration: 42 });
  assert.equal((await logger.logNow(key, p, deadline())).kind, 'created');
  const activity = activitiesOf(key.sessionId)[0]!;
  assert.match(activity.note!, /- Duration: 42 seconds\n/);
  assert.doesNotMatch(activity.note!, /recording/i);
  await crmFetch(crm, `/v1/activities/${activity.id}`, { method: 'PUT', body: { note: `${activity.note}Follow up on Monday.\n` } });
  const later = payload({ session: key.sessionId, duration: 3725, recording: true });
  assert.notEqual(fingerprintOf(later.payload), fingerprintOf(p));
  logger.ledger.want(key, logger.wantOf(later.payload), Date.now());
  assert.equal((await logger.work(key)).kind, 'updated');
  const note = activitiesOf(key.sessionId)[0]!.note!;
  assert.match(note, /- Duration: 1 hour, 2 minutes, 5 seconds\n/);
  assert.doesNotMatch(note, /42 seconds/);
  assert.match(note, /- Call recording link: https:\/\/callbridge\.test\/recordings\/x\n/);
  assert.match(note, /Follow up on Monday\./, "the person's line stays");
  assert.equal(activitiesOf(key.sessionId)[0]!.duration, '01:02');
  assert.equal((await logger.work(key)).kind, 'unchanged', 'the same want again is no work');
  assert.equal(activitiesOf(key.sessionId).length, 1);
});

test("calls are logged as the agent's CRM user where the extension is mapped", async () => {
  const { logger } = makeLogger({ settings: { userMapping: [{ account: 'acc', extensionNumber: '101', crmUserId: '55' }, { account: 'other', extensionNumber: '102', crmUserId: '66' }] } });
  const { key, payload: p } = payload();
  await logger.logNow(key, p, deadline());
  assert.equal(activitiesOf(key.sessionId)[0]!.user_id, 55);
  const unmapped = payload();
  await logger.logNow(unmapped.key, { ...unmapped.payload, account: 'elsewhere' }, deadline());
  assert.equal(activitiesOf(unmapped.key.sessionId)[0]!.user_id, 7, "else the connector's user");
});

test("a connector's error never carries the CRM token into the ledger, the status or the error", async () => {
  const leaky: AppConnectConnector = { ...sandboxCrmConnector, createCallLog: async ({ authHeader }) => Promise.reject(new Error(`request failed with header ${authHeader}`)) };
  const { logger } = makeLogger({ connector: leaky });
  const { key, payload: p } = payload();
  const error = await logger.logNow(key, p, deadline()).catch((e: Error) => e);
  assert.ok(error instanceof CrmUnavailableError);
  for (const text of [error.message, logger.ledger.entry(key)!.lastError!, logger.status('t1')[0]!.lastError!]) {
    assert.ok(!text.includes(crm.token), text);
    assert.match(text, /\[redacted\]/);
  }
});
