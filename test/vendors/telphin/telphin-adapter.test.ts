import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Provider } from '../../support/providers';
import { VendorSessionsPlainDocument, VendorSessionsWithLegExtensionsDocument } from '../../generated/graphql';
import { TestServer, startTestServer } from '../../support/test-server';
import { assertFullWalks, assertRecordingStreams, requestsOfFilteredPage } from '../../support/vendor-walk';
import { telphinSandbox } from '../../../src/sandbox/telphin/sandbox-module';

/** Callbridge's clock in this file, moved by hand: a walk's asOf does not move between concurrent queries. */
let clock = Math.floor(Date.now() / 1000) * 1000;
let server: TestServer;
before(async () => {
  server = await startTestServer({ callsPerVendor: 1200, simulators: { telphin: { statsDurationMs: 10 } }, now: () => clock });
});
after(async () => server.stop());

const CALLS = 'GET /api/ver1.0/client/@me/calls/';
const HISTORY = 'GET /api/ver1.0/client/@me/call_history/';
const EXTENSIONS = 'GET /api/ver1.0/client/@me/extension/';
const routes = (s: TestServer) => s.sandbox.running(telphinSandbox).control.snapshot().routes;
const count = (s: TestServer, route: string) => Object.values(routes(s)[route] ?? {}).reduce((a, b) => a + b, 0);
const reset = (s: TestServer) => fetch(`${s.sandbox.running(telphinSandbox).baseUrl}/__sandbox/reset`, { method: 'POST' });

test('callSessions(first: 50) without legs reads `calls` only', async () => {
  await reset(server);
  const res = await server.gql(VendorSessionsPlainDocument, { providers: [Provider.TELPHIN], first: 50 });
  assert.equal(res.errors, undefined);
  assert.equal(res.data!.callSessions.edges.length, 50);
  const made = routes(server);
  assert.deepEqual(Object.keys(made).filter((r) => r !== 'POST /oauth/token'), [CALLS]);
  assert.equal(count(server, CALLS), 1);
});

test('with legs { extension { name } }: `call_history` only, plus at most one directory request cold and none warm', async () => {
  const cold = await startTestServer({ callsPerVendor: 300 });
  try {
    const res = await cold.gql(VendorSessionsWithLegExtensionsDocument, { providers: [Provider.TELPHIN], first: 50 });
    assert.equal(res.errors, undefined);
    const nodes = res.data!.callSessions.edges.map((e) => e.node);
    assert.ok(nodes.some((n) => n.legs!.some((l) => l.extension?.name)));
    assert.ok(nodes.some((n) => n.legs!.some((l) => l.role === 'TRANSFER')));
    assert.ok(nodes.some((n) => n.recordings!.length > 0));
    assert.equal(count(cold, CALLS), 0);
    assert.equal(count(cold, HISTORY), 1);
    // The directory is read to an empty page (Telphin may honour fewer rows than asked and does not say).
    assert.ok(count(cold, EXTENSIONS) <= 2);
    assert.equal(Object.keys(routes(cold)).filter((r) => /call_history\/[0-9A-F]{32}$/.test(r)).length, 0, 'no per-call reads');
    const warm = count(cold, EXTENSIONS);
    const next = await cold.gql(VendorSessionsWithLegExtensionsDocument, { providers: [Provider.TELPHIN], first: 50, after: res.data!.callSessions.pageInfo.endCursor });
    assert.equal(next.errors, undefined);
    assert.equal(count(cold, EXTENSIONS), warm, 'warm: no directory request');
  } finally {
    await cold.stop();
  }
});

test('concurrent GraphQL queries never make Telphin answer its concurrency 429', async () => {
  await reset(server);
  clock += 1000; // a second no earlier walk started in: no vendor page of it is kept yet
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? server.gql(VendorSessionsPlainDocument, { providers: [Provider.TELPHIN], first: 20 + i }) : server.gql(VendorSessionsWithLegExtensionsDocument, { providers: [Provider.TELPHIN], first: 10 + i }))),
  );
  assert.ok(results.every((r) => r.errors === undefined && r.data!.callSessions.edges.length > 0));
  const refused = Object.values(routes(server)).reduce((sum, byStatus) => sum + (byStatus['429'] ?? 0), 0);
  assert.equal(refused, 0);
  // Walks started in the same second (Callbridge's clock is frozen here) share their vendor pages: one request per resource.
  assert.equal(count(server, CALLS), 1, `calls requests ${count(server, CALLS)}`);
  assert.equal(count(server, HISTORY), 1, `call_history requests ${count(server, HISTORY)}`);
});

test('a Telphin recording streams through the recording route with Range and a truthful type', () => assertRecordingStreams(server, Provider.TELPHIN));

test('full walks in both orders through GraphQL return exactly the sessions the simulator holds', () => assertFullWalks(server, Provider.TELPHIN!, 1200));

test('the direction filter is pushed down to Telphin as flow', async () => {
  const log = () => server.sandbox.running(telphinSandbox).requestLog().filter((r) => r.path === '/api/ver1.0/client/@me/calls/');
  const asked = await requestsOfFilteredPage(server, { providers: [Provider.TELPHIN!], directions: ['INBOUND'] }, log);
  for (const request of asked) assert.equal(request.query['flow'], 'in');
});
