import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Provider } from '../../support/providers';
import { SortOrder } from '../../../src/domain/ordering';
import { HasRecordingFilterDocument, SessionLegsByIdDocument, VendorSessionLegsAtDocument, VendorSessionsPlainDocument, VendorSessionsPlainQuery, VendorSessionsWithLegExtensionsDocument } from '../../generated/graphql';
import { GraphQLResponse, TestServer, startTestServer } from '../../support/test-server';
import { requestsOfFilteredPage, walkVendor } from '../../support/vendor-walk';
import { ringcentralSandbox } from '../../../src/sandbox/ringcentral/sandbox-module';
import { rcCallKeys } from '../../support/rc-calls';
import { encodeGlobalId } from '../../../src/history/global-id';

let server: TestServer;
before(async () => {
  server = await startTestServer({ callsPerVendor: 1200 });
});
after(async () => server.stop());

const rc = () => server.sandbox.running(ringcentralSandbox);
const reset = () => fetch(`${rc().baseUrl}/__sandbox/reset`, { method: 'POST' });
const callLogRequests = () => rc().requestLog().filter((r) => r.path === '/restapi/v1.0/account/~/call-log');

test('callSessions(first: 50) without legs costs one Simple call-log request at the largest page', async () => {
  await reset();
  const before = callLogRequests().length;
  const res = await server.gql(VendorSessionsPlainDocument, { providers: [Provider.RINGCENTRAL], first: 50 });
  assert.equal(res.data!.callSessions.edges.length, 50);
  const made = callLogRequests().slice(before);
  assert.equal(made.length, 1);
  assert.equal(server.runtime.upstreamRequests.total({ vendor: 'RINGCENTRAL', operation: 'call-log.list' }), callLogRequests().length, 'Callbridge counted what the simulator saw');
  assert.equal(made[0]!.query['view'], 'Simple');
  assert.equal(made[0]!.query['perPage'], '1000');
  const stats = rc().control.snapshot();
  assert.equal(stats.total - (stats.routes['POST /restapi/oauth/token']?.['200'] ?? 0), 1, 'nothing else but the first token grant');
});

test('with legs { extension { name } }: one Detailed call-log request and at most one extension list cold, none warm', async () => {
  const cold = await startTestServer({ callsPerVendor: 300 });
  try {
    const sim = cold.sandbox.running(ringcentralSandbox);
    const res = await cold.gql(VendorSessionsWithLegExtensionsDocument, { providers: [Provider.RINGCENTRAL], first: 50 });
    assert.ok(res.data!.callSessions.edges.some((e) => e.node.legs!.some((l) => l.extension?.name)));
    const calls = sim.requestLog().filter((r) => r.path === '/restapi/v1.0/account/~/call-log');
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.query['view'], 'Detailed');
    assert.equal(calls[0]!.query['perPage'], '250');
    assert.ok(sim.requestLog().filter((r) => r.path === '/restapi/v1.0/account/~/extension').length <= 1);
    assert.equal(sim.requestLog().filter((r) => /call-log\/[^/]+$/.test(r.path)).length, 0, 'no per-session reads');
    const warmBefore = sim.requestLog().filter((r) => r.path === '/restapi/v1.0/account/~/extension').length;
    await cold.gql(VendorSessionsWithLegExtensionsDocument, { providers: [Provider.RINGCENTRAL], first: 50, after: res.data!.callSessions.pageInfo.endCursor });
    assert.equal(sim.requestLog().filter((r) => r.path === '/restapi/v1.0/account/~/extension').length, warmBefore, 'warm: no directory request');
  } finally {
    await cold.stop();
  }
});

test('page 20 of a walk costs no more vendor requests than page 1', async () => {
  const costs: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const before = callLogRequests().length;
    const res: GraphQLResponse<VendorSessionsPlainQuery> = await server.gql(VendorSessionsPlainDocument, { providers: [Provider.RINGCENTRAL], first: 25, after: cursor });
    costs.push(callLogRequests().length - before);
    cursor = res.data!.callSessions.pageInfo.endCursor!;
  }
  assert.ok(costs[19]! <= costs[0]!, `costs per page: ${costs.join(',')}`);
  assert.ok(costs.every((c) => c <= 1), `costs per page: ${costs.join(',')}`);
});

test("a full walk through GraphQL returns each call the simulator's records describe once, in the engine's order", async () => {
  const ids = await walkVendor(server, Provider.RINGCENTRAL!, SortOrder.START_TIME_DESC, 100);
  const records = rc().listAll();
  // One record per extension that took part: an internal call or a transfer has two (vendors.md §1.10).
  const expected = rcCallKeys(records, 'ringcentral-demo');
  assert.equal(expected.length, 1200);
  assert.ok(records.length > 1300, `calls with several records: ${records.length} records`);
  assert.deepEqual(ids, expected);
});

test('a hasRecording filter without legs selected keeps the Simple view: the plain record says whether it is recorded', async () => {
  const before = callLogRequests().length;
  const res = await server.gql(HasRecordingFilterDocument, { first: 30 });
  assert.ok(res.data!.callSessions.edges.length > 0);
  const made = callLogRequests().slice(before);
  assert.equal(made.length, 1);
  assert.equal(made[0]!.query['view'], 'Simple');
  assert.equal(made[0]!.query['recordingType'], 'All', 'pushed down');
});

test('filters RingCentral applies itself are pushed down: direction, phone number and recording', async () => {
  const inbound = server.sandbox.dataSet.callsOf('ringcentral').find((c) => c.direction === 'inbound' && c.caller.number.startsWith('+') && c.recordings.length > 0)!;
  const asked = await requestsOfFilteredPage(server, { providers: [Provider.RINGCENTRAL!], directions: ['INBOUND'], phoneNumber: inbound.caller.number, hasRecording: true }, callLogRequests);
  for (const request of asked) {
    assert.equal(request.query['direction'], 'Inbound');
    assert.equal(request.query['phoneNumber'], inbound.caller.number.slice(1), 'E.164 without the plus (vendors.md §1.3)');
    assert.equal(request.query['recordingType'], 'All');
  }
});

test('RingCentral start times keep their milliseconds (real records carry them, vendors.md §1.10)', async () => {
  const res = await server.gql(VendorSessionsPlainDocument, { providers: [Provider.RINGCENTRAL], first: 100 });
  const listed = new Map(rc().listAll().map((r) => [r['telephonySessionId'] as string, r['startTime'] as string]));
  const edges = res.data!.callSessions.edges;
  assert.ok(edges.some((e) => !e.node.startTime.endsWith('.000Z')), 'the simulator stamps milliseconds');
  for (const edge of edges) assert.equal(edge.node.startTime, listed.get(edge.node.nativeId), edge.node.nativeId);
});

test('an internal call and a transfer, one record per extension in the log, are one session each with all their legs, listed and by id', async () => {
  const dataSet = server.sandbox.dataSet;
  const calls = dataSet.callsOf('ringcentral');
  const internal = calls.find((c) => c.direction === 'internal')!;
  const transfer = calls.find((c) => c.legs.some((l) => l.kind === 'transfer'))!;
  const expectations = [
    // Both records carry the one leg between the two extensions: it is shown once.
    { call: internal, legTypes: ['ExtensionToExtension'], legExtensions: 1, primary: internal.caller.extensionId! },
    // The first extension's record has the legs before the transfer, the target's the transfer leg.
    { call: transfer, legTypes: ['Accept', 'Accept', 'TransferCall'], legExtensions: 2, primary: transfer.legs.find((l) => l.kind === 'callee')!.extensionId! },
  ];
  for (const { call, legTypes, legExtensions, primary } of expectations) {
    const key = dataSet.callKeyOf('ringcentral', call.id);
    assert.equal(rc().listAll().filter((r) => r['telephonySessionId'] === key).length, 2, `${call.scenario}: two records in the log`);
    const second = Math.floor(call.start.getTime() / 1000) * 1000;
    const listed = await server.gql(VendorSessionLegsAtDocument, { providers: [Provider.RINGCENTRAL!], from: new Date(second).toISOString(), to: new Date(second + 999).toISOString() });
    assert.equal(listed.errors, undefined);
    const rows = listed.data!.callSessions.edges.map((e) => e.node).filter((node) => node.nativeId === key);
    assert.equal(rows.length, 1, `${call.scenario}: one session`);
    const row = rows[0]!;
    assert.deepEqual(row.legs!.map((leg) => leg.legType), legTypes, call.scenario);
    assert.equal(row.legs!.filter((leg) => leg.master).length, 1, `${call.scenario}: one master leg`);
    // The call's own fields are the primary record's: the caller's extension's, else the one dialled first.
    assert.equal(row.extensionId, encodeGlobalId({ type: 'Extension', provider: Provider.RINGCENTRAL!, account: 'ringcentral-demo', nativeId: primary }), `${call.scenario}: the primary record's extension`);
    assert.equal(new Set(row.legs!.map((leg) => leg.extensionId).filter((id) => id !== null)).size, legExtensions, `${call.scenario}: the legs of each extension`);
    // By id: the same session (same global id, same legs), in one call-log request by telephony session.
    const asked = () => rc().requestLog().filter((r) => r.query['telephonySessionId'] === key).length;
    const before = asked();
    const byId = await server.gql(SessionLegsByIdDocument, { id: row.id });
    assert.equal(byId.errors, undefined);
    assert.deepEqual(byId.data!.callSession, row, call.scenario);
    assert.equal(asked() - before, 1, `${call.scenario}: one request by id`);
  }
});
