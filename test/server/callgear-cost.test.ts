import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Provider } from '../../src/domain/enums';
import { SortOrder, compareKeys, sortKeyOf } from '../../src/domain/ordering';
import { CgSessionsPlainDocument, CgSessionsPlainQuery, CgSessionsWithLegExtensionsDocument } from '../generated/graphql';
import { GraphQLResponse, TestServer, startTestServer } from '../support/test-server';

let server: TestServer;
before(async () => {
  server = await startTestServer({ callsPerVendor: 1200 });
});
after(async () => server.stop());

const routes = (s: TestServer) => s.sandbox.callgear.control.snapshot().routes;
const count = (s: TestServer, method: string) => Object.values(routes(s)[method] ?? {}).reduce((a, b) => a + b, 0);
const reset = (s: TestServer) => fetch(`${s.sandbox.callgear.baseUrl}/__sandbox/reset`, { method: 'POST' });

test('callSessions(first: 50) without legs costs one get.calls_report asking only the needed fields', async () => {
  await reset(server);
  const res = await server.gql(CgSessionsPlainDocument, { first: 50 });
  assert.equal(res.errors, undefined);
  assert.equal(res.data!.callSessions.edges.length, 50);
  assert.deepEqual(routes(server), { 'get.calls_report': { '200': 1 } });
  const [request] = server.sandbox.callgear.requestLog().slice(-1);
  assert.deepEqual(request!.params['sort'], [{ field: 'start_time', order: 'desc' }]);
  assert.ok((request!.params['fields'] as string[]).length < 20, 'not the default field set');
  assert.equal(server.runtime.upstreamRequests.total({ vendor: 'CALLGEAR', operation: 'get.calls_report' }) > 0, true);
});

test('with legs { extension { name } }: + one get.call_legs_report and at most one get.employees cold, none warm', async () => {
  const cold = await startTestServer({ callsPerVendor: 300 });
  try {
    const res = await cold.gql(CgSessionsWithLegExtensionsDocument, { first: 50 });
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
    const again = await cold.gql(CgSessionsWithLegExtensionsDocument, { first: 50 });
    assert.deepEqual(again.data!.callSessions.edges, res.data!.callSessions.edges);
    assert.equal(count(cold, 'get.employees'), coldEmployees, 'warm: the same page asks for no employee');
    assert.equal(count(cold, 'get.call_legs_report'), 2, 'legs are per request (a new request loads them again)');
    await cold.gql(CgSessionsWithLegExtensionsDocument, { first: 50, after: res.data!.callSessions.pageInfo.endCursor });
    assert.ok(count(cold, 'get.employees') - coldEmployees <= 1, 'a new page asks at most once, for the employees not yet known');
  } finally {
    await cold.stop();
  }
});

test('a CallGear recording streams through the recording route with Range', async () => {
  const res = await server.gql(CgSessionsWithLegExtensionsDocument, { first: 100 });
  const url = res.data!.callSessions.edges.flatMap((e) => e.node.recordings!).map((r) => r.url)[0]!;
  const whole = await fetch(url);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'audio/wav');
  const bytes = Buffer.from(await whole.arrayBuffer());
  assert.equal(bytes.subarray(0, 4).toString('ascii'), 'RIFF');
  const part = await fetch(url, { headers: { range: 'bytes=0-9' } });
  assert.equal(part.status, 206);
  assert.deepEqual(Buffer.from(await part.arrayBuffer()), bytes.subarray(0, 10));
});

for (const order of [SortOrder.START_TIME_DESC, SortOrder.START_TIME_ASC]) {
  test(`a full walk (${order}) through GraphQL returns exactly the sessions the simulator holds`, async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const res: GraphQLResponse<CgSessionsPlainQuery> = await server.gql(CgSessionsPlainDocument, { first: 100, after: cursor, orderBy: order });
      assert.equal(res.errors, undefined);
      ids.push(...res.data!.callSessions.edges.map((e) => e.node.nativeId));
      if (!res.data!.callSessions.pageInfo.hasNextPage) break;
      cursor = res.data!.callSessions.pageInfo.endCursor!;
    }
    const expected = server.sandbox.dataSet
      .callsOf('callgear')
      .map((c) => ({ provider: Provider.CALLGEAR, account: 'callgear-demo', nativeId: c.id, startTime: c.start }))
      .sort((x, y) => compareKeys(sortKeyOf(x as never), sortKeyOf(y as never), order))
      .map((s) => s.nativeId);
    assert.equal(expected.length, 1200);
    assert.deepEqual(ids, expected);
  });
}
