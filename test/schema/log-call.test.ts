import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CrmConnectorsDocument, LogCallDocument, RecentSessionsDocument } from '../generated/graphql';
import { RunningCrmSimulator } from '../../src/sandbox/crm/crm-simulator';
import { RC_ONLY_KEY, TestServer, startTestServer } from '../support/test-server';
import { setCrmFaults } from '../support/crm';

let server: TestServer;
let crm: RunningCrmSimulator;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'log-call-'));
  server = await startTestServer({
    callsPerVendor: 60,
    crm: true,
    // The sandbox's connector, by hand only (no server-side logging), with a backoff longer than a request and a ledger of the test's own.
    configure: (config) => ({
      ...config,
      appConnect: {
        ...config.appConnect,
        ledgerPath: join(dir, 'ledger.db'),
        retryBaseSeconds: 600,
        connectors: config.appConnect.connectors.map(({ serverSideLogging: _, ...c }) => ({ ...c, name: 'crm', timeoutMs: 3000 })),
      },
    }),
  });
  crm = server.sandbox.crm!;
});
after(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function someSessions(count: number) {
  const answer = await server.gql(RecentSessionsDocument, { first: count });
  assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
  return answer.data!.callSessions.edges.map((e) => e.node);
}

test('logCall creates the CRM activity once; again it is UNCHANGED; with a note it is UPDATED', async () => {
  const [session] = await someSessions(1);
  const first = await server.gql(LogCallDocument, { sessionId: session!.id, connector: 'crm' });
  assert.equal(first.errors, undefined, JSON.stringify(first.errors));
  assert.equal(first.data!.logCall.outcome, 'CREATED');
  assert.deepEqual(first.data!.logCall.returnMessage, { message: 'Call logged', messageType: 'success', ttl: 2000 });
  const again = await server.gql(LogCallDocument, { sessionId: session!.id, connector: 'crm' });
  assert.deepEqual([again.data!.logCall.outcome, again.data!.logCall.logId, again.data!.logCall.returnMessage!.messageType], ['UNCHANGED', first.data!.logCall.logId, 'warning']);
  const noted = await server.gql(LogCallDocument, { sessionId: session!.id, connector: 'crm', note: 'Asked for a quote' });
  assert.deepEqual([noted.data!.logCall.outcome, noted.data!.logCall.logId], ['UPDATED', first.data!.logCall.logId]);
  const activities = crm.activities().filter((a) => a.call_session_id === session!.id);
  assert.equal(activities.length, 1);
  assert.match(activities[0]!.note!, /Asked for a quote/);
  assert.match(activities[0]!.note!, /<li><b>Duration<\/b>: /);
  // The note's recording link is Callbridge's own, signed for 90 days (never a vendor URL).
  const record = session!.ringCentralRecord as { recording?: { id: string } };
  if (record.recording) assert.match(activities[0]!.note!, new RegExp(`href="${server.url}/recordings/`));
});

test('concurrent logCalls of distinct sessions, each sent three times with different notes, make one activity per session', async () => {
  // Twelve requests at once: within the tenant's 16 and, with their updates, within the CRM's 40 requests in 2 seconds.
  const sessions = (await someSessions(5)).slice(1);
  const answers = await Promise.all(sessions.flatMap((s) => ['a', 'b', 'c'].map((note) => server.gql(LogCallDocument, { sessionId: s.id, connector: 'crm', note }))));
  for (const answer of answers) assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
  for (const s of sessions) assert.equal(crm.activities().filter((a) => a.call_session_id === s.id).length, 1, s.id);
  assert.equal(answers.filter((a) => a.data!.logCall.outcome === 'CREATED').length, sessions.length);
});

test('a contact given by hand is used instead of findContact', async () => {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const session = (await someSessions(6))[5];
  const person = crm.people()[5]!;
  const answer = await server.gql(LogCallDocument, { sessionId: session!.id, connector: 'crm', contact: { id: String(person.id), name: person.name } });
  assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
  assert.equal(crm.activities().find((a) => a.call_session_id === session!.id)!.person_id, person.id);
});

test('refusals: an unknown connector, a session of another tenant, a bad id, a tenant without connectors', async () => {
  const [session] = await someSessions(1);
  const unknown = await server.gql(LogCallDocument, { sessionId: session!.id, connector: 'nope' });
  assert.equal(unknown.errors![0]!.extensions!['code'], 'NOT_FOUND');
  const bad = await server.gql(LogCallDocument, { sessionId: 'garbage', connector: 'crm' });
  assert.equal(bad.errors![0]!.extensions!['code'], 'BAD_USER_INPUT');
  const badName = await server.gql(LogCallDocument, { sessionId: session!.id, connector: 'No Such!' });
  assert.equal(badName.errors![0]!.extensions!['code'], 'BAD_USER_INPUT');
  // The RingCentral-only tenant has no connector, and cannot read a CallGear session either.
  const cg = (await someSessions(60)).find((s) => s.provider !== 'RINGCENTRAL')!;
  const other = await server.gql(LogCallDocument, { sessionId: cg.id, connector: 'crm' }, RC_ONLY_KEY);
  assert.equal(other.errors![0]!.extensions!['code'], 'NOT_FOUND');
  const status = await server.gql(CrmConnectorsDocument, {}, RC_ONLY_KEY);
  assert.deepEqual(status.data!.crmConnectors, []);
});

test('a failing CRM: CRM_UNAVAILABLE, the call pending in crmConnectors and in the metrics; then logged', async () => {
  const sessions = await someSessions(20);
  const session = sessions[19]!;
  await setCrmFaults(crm, { errorRate: 1 });
  let failed;
  try {
    failed = await server.gql(LogCallDocument, { sessionId: session.id, connector: 'crm' });
  } finally {
    await setCrmFaults(crm, {});
  }
  assert.equal(failed.errors![0]!.extensions!['code'], 'CRM_UNAVAILABLE');
  assert.equal(failed.errors![0]!.extensions!['connector'], 'crm');
  assert.ok(!JSON.stringify(failed).includes('sandbox-crm-token'));
  const status = (await server.gql(CrmConnectorsDocument, {})).data!.crmConnectors[0]!;
  assert.deepEqual([status.name, status.state, status.pending, status.failing, status.lastError], ['crm', 'FAILING', 1, 1, 'the CRM answered 503']);
  const metrics = await (await fetch(server.metricsUrl)).text();
  assert.match(metrics, /callbridge_crm_calls_total\{connector="crm",operation="(findContact|createCallLog)",outcome="503"\} [1-9]/);
  assert.match(metrics, /callbridge_crm_calls\{tenant="demo",connector="crm",state="pending"\} 1/);
  const retried = await server.gql(LogCallDocument, { sessionId: session.id, connector: 'crm' });
  assert.equal(retried.data!.logCall.outcome, 'CREATED', 'a person asking again does not wait for the backoff');
  const after = (await server.gql(CrmConnectorsDocument, {})).data!.crmConnectors[0]!;
  assert.deepEqual([after.state, after.pending], ['OK', 0]);
});
