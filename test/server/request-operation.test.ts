import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CallSessionsPageDocument } from '../generated/graphql';
import { TestServer, startTestServer } from '../support/test-server';
import { setFaults } from '../support/vendor-walk';
import { telphinSandbox } from '../../src/sandbox/telphin/sandbox-module';
import { setLogDestination } from '../../src/lib/logger';

/**
 * The operation's deadline bounds a query even when a vendor hangs longer than the per-attempt timeout:
 * its requests are cancelled at the deadline and the query answers with the hanging account missing.
 */
let server: TestServer;

before(async () => {
  server = await startTestServer({
    callsPerVendor: 100,
    configure: (c) => ({ ...c, upstream: { ...c.upstream, timeoutMs: 20_000, operationDeadlineSeconds: 1, listPageTtlSeconds: 0 } }),
  });
});
after(async () => {
  await setFaults(server, {});
  await server.stop();
});

test('a vendor hanging past the attempt timeout: the query answers at its 1 s deadline, the account listed missing', async () => {
  await setFaults(server, { hangRate: 1 }, [server.sandbox.running(telphinSandbox).baseUrl]);
  const res = await server.gql(CallSessionsPageDocument, { first: 10 });
  // The hanging request ended at the operation's deadline, not at its 20 s attempt timeout.
  assert.match(res.errors![0]!.message, /no answer before the operation's deadline/);
  assert.deepEqual(res.data!.callSessions.missingProviders, [{ provider: 'TELPHIN', account: 'telphin-demo' }]);
  assert.equal(res.data!.callSessions.edges.length, 10, 'the other vendors\' rows are served');
  assert.equal(res.errors![0]!.extensions!['code'], 'UPSTREAM_UNAVAILABLE');
});

test('x-request-id: a plain one is kept, echoed and logged; a missing or unsafe one is replaced by a new id', async () => {
  const lines: string[] = [];
  setLogDestination({ write: (line: string) => void lines.push(line) }, 'info');
  try {
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ __typename }' }) });
    const given = await post({ 'x-request-id': 'edge-7f3a.42' });
    assert.equal(given.headers.get('x-request-id'), 'edge-7f3a.42');
    const none = await post({});
    assert.match(none.headers.get('x-request-id')!, /^[0-9a-f]{8}-[0-9a-f]{4}-/);
    const unsafe = await post({ 'x-request-id': `<script>${'x'.repeat(20)}` });
    assert.match(unsafe.headers.get('x-request-id')!, /^[0-9a-f]{8}-[0-9a-f]{4}-/, 'an id that is not a plain token is not trusted');
    assert.match((await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'probe-1' } })).headers.get('x-request-id')!, /^probe-1$/, 'every route echoes it');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['event'] === 'graphql.operation').map((l) => l['requestId']);
    assert.ok(logged.includes('edge-7f3a.42'), JSON.stringify(logged));
  } finally {
    setLogDestination(null);
  }
});

test('the log line of an operation names its tenant, and each failed vendor account with a safe reason', async () => {
  const lines: string[] = [];
  setLogDestination({ write: (line: string) => void lines.push(line) }, 'info');
  try {
    await setFaults(server, { errorRate: 1 }, [server.sandbox.running(telphinSandbox).baseUrl]);
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'failing-telphin', authorization: 'Bearer sandbox-demo-key' },
      body: JSON.stringify({ query: '{ callSessions(first: 5) { edges { node { id } } } }' }),
    });
    assert.equal(res.status, 200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const line = lines.map((l) => JSON.parse(l) as Record<string, any>).find((l) => l['requestId'] === 'failing-telphin')!;
    assert.equal(line['level'], 'warn');
    assert.equal(line['tenant'], 'demo');
    assert.deepEqual(line['failures'].map((f: Record<string, unknown>) => [f['provider'], f['account'], f['code']]), [['TELPHIN', 'telphin-demo', 'UPSTREAM_UNAVAILABLE']]);
    assert.match(line['failures'][0].reason, /503|unavailable|HTTP/i);
    assert.doesNotMatch(JSON.stringify(line), /sandbox-secret|Bearer/);
  } finally {
    setLogDestination(null);
    await setFaults(server, {});
  }
});
