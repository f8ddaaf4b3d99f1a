import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CallSessionsPageDocument, ProvidersDocument } from '../generated/graphql';
import { DEMO_KEY, TestServer, startTestServer } from '../support/test-server';
import { print } from 'graphql';
import { telphinSandbox } from '../../src/sandbox/telphin/sandbox-module';
import { callgearSandbox } from '../../src/sandbox/callgear/sandbox-module';

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

/**
 * Distinct pages of one vendor (each a window of its own, `firstDay` days back and earlier) whose clients leave
 * after `abortMs`: what each fetch ended with (AbortError).
 */
function abandonedPages(provider: string, count: number, firstDay: number, abortMs: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => {
      const controller = new AbortController();
      const from = new Date(Date.now() - (i + firstDay) * 86_400_000).toISOString();
      const sent = fetch(`${server.url}/graphql`, {
        method: 'POST',
        signal: controller.signal,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_KEY}` },
        body: JSON.stringify({ query: print(CallSessionsPageDocument), variables: { first: 5, filter: { from, providers: [provider] } } }),
      }).then(() => 'answered', (error: unknown) => (error as Error).name);
      setTimeout(() => controller.abort(), abortMs);
      return sent;
    }),
  );
}

test('clients that abandon their requests never open the circuit: only vendor faults count', async () => {
  // CallGear (Telphin lets an abandoned statistics request finish: see one-at-a-time.ts).
  const cgFaults = (body: object) => fetch(`${server.sandbox.running(callgearSandbox).baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await faults({});
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await server.gql(CallSessionsPageDocument, { first: 5, filter: { providers: ['CALLGEAR'] } });
  // A slow vendor (but well inside the attempt timeout), and eight distinct queries whose clients leave.
  await cgFaults({ latencyMs: [150, 200] });
  const cancelledBefore = server.runtime.upstreamRequests.total({ vendor: 'CALLGEAR', outcome: 'cancelled' });
  assert.deepEqual(await abandonedPages('CALLGEAR', 8, 2, 50), Array(8).fill('AbortError'));
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.ok(server.runtime.upstreamRequests.total({ vendor: 'CALLGEAR', outcome: 'cancelled' }) > cancelledBefore, 'the abandoned vendor requests are counted as cancelled');
  const cg = (await server.gql(ProvidersDocument, {})).data!.providers.find((p) => p.provider === 'CALLGEAR')!;
  assert.deepEqual([cg.state, cg.lastError], ['OK', null], 'the account stays OK');
  const next = await server.gql(CallSessionsPageDocument, { first: 20, onProviderError: 'FAIL' });
  assert.equal(next.errors, undefined, 'every tenant\'s next page is whole');
  await cgFaults({});
});

test("an abandoned Telphin statistics request is let finish: the next one is not refused as concurrent", async () => {
  const refusals = () => Object.values(telphin().control.snapshot().routes).reduce((n, byStatus) => n + (byStatus['429'] ?? 0), 0);
  const refusedBefore = refusals();
  // Every request is at Telphin when its client leaves (80 ms in, even on a busy machine), and answered within the 300 ms attempt timeout.
  await faults({ latencyMs: [200, 250] });
  assert.deepEqual(await abandonedPages('TELPHIN', 4, 12, 80), Array(4).fill('AbortError'));
  const next = await server.gql(CallSessionsPageDocument, { first: 5, filter: { providers: ['TELPHIN'], from: new Date(Date.now() - 40 * 86_400_000).toISOString() }, onProviderError: 'FAIL' });
  assert.equal(next.errors, undefined, JSON.stringify(next.errors));
  assert.equal(refusals() - refusedBefore, 0, 'Telphin never refused a request as concurrent');
  const tp = (await server.gql(ProvidersDocument, {})).data!.providers.find((p) => p.provider === 'TELPHIN')!;
  assert.deepEqual([tp.state, tp.lastError], ['OK', null]);
  await faults({});
});
