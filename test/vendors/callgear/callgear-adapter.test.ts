import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Provider } from '../../support/providers';
import { SessionLegsByIdDocument, VendorSessionLegsAtDocument, VendorSessionsPlainDocument, VendorSessionsWithLegExtensionsDocument } from '../../generated/graphql';
import { TestServer, startTestServer } from '../../support/test-server';
import { assertFullWalks, assertRecordingStreams, groundTruth, requestsOfFilteredPage, truthId, walkConnection } from '../../support/vendor-walk';
import { SortOrder } from '../../../src/domain/ordering';
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

test('with legs { extension { name } }: + one get.call_legs_report beside the list cold, none warm, and at most one get.employees cold, none warm', async () => {
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
    // The legs are kept with the vendor page: read again only with it (the window moves on at the next second).
    assert.equal(count(cold, 'get.call_legs_report'), count(cold, 'get.calls_report'), 'legs are read with list pages, never per GraphQL request');
    await cold.gql(VendorSessionsWithLegExtensionsDocument, { providers: [Provider.CALLGEAR], first: 50, after: res.data!.callSessions.pageInfo.endCursor });
    assert.ok(count(cold, 'get.employees') - coldEmployees <= 1, 'a new page asks at most once, for the employees not yet known');
  } finally {
    await cold.stop();
  }
});

test('a cold page with legs asks for the legs of its window beside the sessions, not after them: one round trip', async () => {
  const cold = await startTestServer({ callsPerVendor: 300 });
  const simulator = cold.sandbox.running(callgearSandbox);
  try {
    // Each answer is held 300 ms, so requests sent together are seen together (no time is asserted).
    await fetch(`${simulator.baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: [300, 300] }) });
    const res = await cold.gql(VendorSessionsWithLegExtensionsDocument, { providers: [Provider.CALLGEAR], first: 20 });
    assert.equal(res.errors, undefined);
    const log = simulator.requestLog();
    const list = log.filter((r) => r.method === 'get.calls_report');
    const legs = log.filter((r) => r.method === 'get.call_legs_report');
    assert.equal(list.length, 1);
    assert.equal(legs.length, 1);
    assert.ok(list[0]!.othersInFlight + legs[0]!.othersInFlight >= 1, 'the later of the two arrived while the other was being answered');
    // Wall times of one zone, "YYYY-MM-DD hh:mm:ss": the legs' range holds the sessions' range.
    assert.ok(String(legs[0]!.params['date_from']) < String(list[0]!.params['date_from']) && String(legs[0]!.params['date_till']) > String(list[0]!.params['date_till']), 'the legs range holds the chunk');
    assert.deepEqual(legs[0]!.params['sort'], list[0]!.params['sort'], 'the legs are read in the order of the sessions');
  } finally {
    await cold.stop();
  }
});

test('the legs kept with a vendor page are the legs a read by id finds, session by session', async () => {
  const to = Date.now() - 2 * 86_400_000;
  const page = await server.gql(VendorSessionLegsAtDocument, { providers: [Provider.CALLGEAR], from: new Date(to - 3 * 86_400_000).toISOString(), to: new Date(to).toISOString() });
  assert.equal(page.errors, undefined);
  const nodes = page.data!.callSessions.edges.map((e) => e.node);
  assert.equal(nodes.length, 50);
  assert.ok(nodes.some((n) => n.legs!.length > 1), 'calls with several legs');
  for (const node of nodes) {
    const byId = await server.gql(SessionLegsByIdDocument, { id: node.id });
    assert.equal(byId.errors, undefined);
    assert.deepEqual(node, byId.data!.callSession, node.nativeId);
  }
});

test('a first: 25 walk with legs reads the legs once per vendor page, shared by every GraphQL page: at most 0.1 legs requests per page', async () => {
  await reset(server);
  const walked = await walkConnection(server, { first: 25, filter: { providers: [Provider.CALLGEAR] } }, { withLegs: true });
  assert.deepEqual(walked.ids, groundTruth(server, SortOrder.START_TIME_DESC, { providers: [Provider.CALLGEAR] }).map(truthId), 'the walk is exact');
  const legs = count(server, 'get.call_legs_report');
  const lists = count(server, 'get.calls_report');
  assert.ok(walked.pages >= 48, `${walked.pages} pages`);
  assert.ok(legs <= lists, `legs requests ${legs}, list requests ${lists}: at most one legs request per vendor page`);
  assert.ok(legs / walked.pages <= 0.1, `${legs} legs requests for ${walked.pages} GraphQL pages`);
});

test('a CallGear recording streams through the recording route with Range', () => assertRecordingStreams(server, Provider.CALLGEAR));

test('full walks in both orders through GraphQL return exactly the sessions the simulator holds', () => assertFullWalks(server, Provider.CALLGEAR!, 1200));

test('the direction filter is pushed down to CallGear (internal calls are "out" there)', async () => {
  const log = () => server.sandbox.running(callgearSandbox).requestLog().filter((r) => r.method === 'get.calls_report');
  const asked = await requestsOfFilteredPage(server, { providers: [Provider.CALLGEAR!], directions: ['OUTBOUND', 'INTERNAL'] }, log);
  for (const request of asked) assert.deepEqual(request.params['filter'], { field: 'direction', operator: '=', value: 'out' });
});
