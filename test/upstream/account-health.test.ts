import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CallSessionsPageDocument, ProvidersDocument } from '../generated/graphql';
import { TestServer, startTestServer } from '../support/test-server';
import { telphinSandbox } from '../../src/sandbox/telphin/sandbox-module';

/** One vendor down: PARTIAL pages go on without it, its circuit opens, and closes once it is back. */
let server: TestServer;
before(async () => {
  server = await startTestServer({
    callsPerVendor: 200,
    configure: (c) => ({ ...c, upstream: { ...c.upstream, timeoutMs: 300, retryAttempts: 2, breakerFailureThreshold: 2, breakerHalfOpenSeconds: 1 } }),
  });
});
after(async () => server.stop());

const telphin = () => server.sandbox.running(telphinSandbox);
const telphinRequests = () => telphin().control.snapshot().total;
const faults = (body: object) => fetch(`${telphin().baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('a vendor that hangs: PARTIAL pages list it missing, the breaker opens, and later pages do not ask it', async () => {
  await server.gql(ProvidersDocument, {}); // a first token, so the fault hits the data requests
  await faults({ hangRate: 1 });
  for (let i = 0; i < 2; i++) {
    const res = await server.gql(CallSessionsPageDocument, { first: 20, onProviderError: 'PARTIAL' });
    assert.deepEqual(res.data!.callSessions.missingProviders, [{ provider: 'TELPHIN', account: 'telphin-demo' }]);
    assert.equal(res.data!.callSessions.edges.length, 20);
    assert.ok(res.data!.callSessions.edges.every((e) => e.node.provider !== 'TELPHIN'));
    const error = res.errors!.find((e) => e.extensions!['code'] === 'UPSTREAM_UNAVAILABLE')!;
    assert.match(error.message, /no answer before the timeout/);
  }
  // The hung requests were given up by Callbridge (timeouts); the simulator counts only answered ones.
  const before = telphinRequests();
  const open = await server.gql(CallSessionsPageDocument, { first: 20, onProviderError: 'PARTIAL' });
  assert.deepEqual(open.data!.callSessions.missingProviders, [{ provider: 'TELPHIN', account: 'telphin-demo' }]);
  assert.match(open.errors!.find((e) => e.extensions!['account'] === 'telphin-demo')!.message, /circuit is open/);
  const failFast = await server.gql(CallSessionsPageDocument, { first: 20, onProviderError: 'FAIL' });
  assert.equal(failFast.data, null);
  assert.match(failFast.errors![0]!.message, /circuit is open/);
  const status = await server.gql(ProvidersDocument, {});
  const tp = status.data!.providers.find((p) => p.provider === 'TELPHIN')!;
  assert.deepEqual([tp.reachable, tp.state], [false, 'CIRCUIT_OPEN']);
  assert.match(tp.lastError!, /timeout/);
  assert.ok(status.data!.providers.filter((p) => p.provider !== 'TELPHIN').every((p) => p.state === 'OK' && p.reachable));
  assert.equal(telphinRequests(), before, 'an open circuit sends nothing to the vendor');
});

test('once the vendor is back, a half-open probe closes the circuit', async () => {
  await faults({});
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const res = await server.gql(CallSessionsPageDocument, { first: 60, onProviderError: 'FAIL' });
  assert.equal(res.errors, undefined);
  assert.ok(res.data!.callSessions.edges.some((e) => e.node.provider === 'TELPHIN'));
  const tp = (await server.gql(ProvidersDocument, {})).data!.providers.find((p) => p.provider === 'TELPHIN')!;
  assert.deepEqual([tp.reachable, tp.state, tp.lastError], [true, 'OK', null]);
});
