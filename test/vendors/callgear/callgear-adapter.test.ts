import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Provider } from '../../support/providers';
import { VendorSessionsPlainDocument, VendorSessionsWithLegExtensionsDocument } from '../../generated/graphql';
import { TestServer, startTestServer } from '../../support/test-server';
import { assertFullWalks, assertRecordingStreams, requestsOfFilteredPage } from '../../support/vendor-walk';
import { callgearSandbox } from '../../../src/sandbox/callgear/sandbox-module';

let server: TestServer;
before(async () => {
  server = await startTestServer({ callsPerVendor: 1200 });
});
after(async () => server.stop());

const routes = (s: TestServer) => s.sandbox.running(callgearSandbox).control.snapshot().routes;
const count = (s: TestServer, method: string) => Object.values(routes(s)[method] ?? {}).reduce((a, b) => a + b, 0);
const reset = (s: TestServer) => fetch(`${s.sandbox.running(callgearSandbox).baseUrl}/__sandbox/reset`, { method: 'POST' });

test('callSessions(first: 50) without legs costs one get.calls_report asking only the needed fields', async () => {
  await reset(server);
  const res = await server.gql(VendorSessionsPlainDocument, { providers: [Provider.CALLGEAR], first: 50 });
  assert.equal(res.errors, undefined);
  assert.equal(res.data!.callSessions.edges.length, 50);
  // Cold, the account's zone is read once (get.account) and kept like the directory.
  const { 'get.account': zone, ...rest } = routes(server);
  assert.deepEqual(rest, { 'get.calls_report': { '200': 1 } });
  assert.ok(!zone || zone['200'] === 1);
  const [request] = server.sandbox.running(callgearSandbox).requestLog().slice(-1);
  assert.deepEqual(request!.params['sort'], [{ field: 'start_time', order: 'desc' }]);
  assert.ok((request!.params['fields'] as string[]).length < 20, 'not the default field set');
  assert.equal(server.runtime.upstreamRequests.total({ vendor: 'CALLGEAR', operation: 'get.calls_report' }) > 0, true);
});

test('with legs { extension { name } }: + one get.call_legs_report and at most one get.employees cold, none warm', async () => {
  const cold = await startTestServer({ callsPerVendor: 300 });
  try {
    const res = await cold.gql(VendorSessionsWithLegExtensionsDocument, { providers: [Provider.CALLGEAR], first: 50 });
    assert.equal(res.errors, undefined);
    const nodes = res.data!.callSessions.edges.map((e) => e.node);
    assert.ok(nodes.some((n) => n.legs!.some((l) => l.extension?.name)), 'employees resolved');
    assert.ok(nodes.some((n) => n.legs!.some((l) => l.role === 'TRANSFER')));
    assert.ok(nodes.some((n) => n.recordings!.length > 0));
    assert.ok(nodes.every((n) => n.legs!.length > 0), 'every session has legs');
    assert.equal(count(cold, 'get.calls_report'), 1);
    assert.equal(count(cold, 'get.call_legs_report'), 1, 'one legs request for the page, never one per session');
    assert.ok(count(cold, 'get.employees') <= 1);
    const coldEmployees = count(cold, 'get.employees');
    const again = await cold.gql(VendorSessionsWithLegExtensionsDocument, { providers: [Provider.CALLGEAR], first: 50 });
    assert.deepEqual(again.data!.callSessions.edges, res.data!.callSessions.edges);
    assert.equal(count(cold, 'get.employees'), coldEmployees, 'warm: the same page asks for no employee');
    assert.equal(count(cold, 'get.call_legs_report'), 2, 'legs are per request (a new request loads them again)');
    await cold.gql(VendorSessionsWithLegExtensionsDocument, { providers: [Provider.CALLGEAR], first: 50, after: res.data!.callSessions.pageInfo.endCursor });
    assert.ok(count(cold, 'get.employees') - coldEmployees <= 1, 'a new page asks at most once, for the employees not yet known');
  } finally {
    await cold.stop();
  }
});

test('a CallGear recording streams through the recording route with Range', () => assertRecordingStreams(server, Provider.CALLGEAR));

test('full walks in both orders through GraphQL return exactly the sessions the simulator holds', () => assertFullWalks(server, Provider.CALLGEAR!, 1200));

test('the direction filter is pushed down to CallGear (internal calls are "out" there)', async () => {
  const log = () => server.sandbox.running(callgearSandbox).requestLog().filter((r) => r.method === 'get.calls_report');
  const asked = await requestsOfFilteredPage(server, { providers: [Provider.CALLGEAR!], directions: ['OUTBOUND', 'INTERNAL'] }, log);
  for (const request of asked) assert.deepEqual(request.params['filter'], { field: 'direction', operator: '=', value: 'out' });
});
