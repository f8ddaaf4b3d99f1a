import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CallSessionsPageDocument, ProvidersDocument } from '../generated/graphql';
import { TestServer, startTestServer } from '../support/test-server';
import { callgearSandbox } from '../../src/sandbox/callgear/sandbox-module';

let server: TestServer;
before(async () => {
  server = await startTestServer({ callsPerVendor: 100, configure: (c) => ({ ...c, upstream: { ...c.upstream, timeoutMs: 500, retryAttempts: 2 } }) });
});
after(async () => server.stop());

const metricsText = async () => {
  const res = await fetch(`${server.url}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /^text\/plain/);
  return res.text();
};
const sample = (text: string, name: string, labels: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.split(',').every((label) => l.includes(label)));
  return line ? Number(line.split(' ').pop()) : 0;
};

test('/metrics counts upstream requests, latency, retries, account states and GraphQL operations', async () => {
  const first = await server.gql(CallSessionsPageDocument, { first: 10 });
  // The next page resumes in the vendor pages the first one read: cache hits.
  await server.gql(CallSessionsPageDocument, { first: 10, after: first.data!.callSessions.pageInfo.endCursor });
  await fetch(`${server.sandbox.running(callgearSandbox).baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errorRate: 1 }) });
  // Another filter: vendor pages of their own, so CallGear is asked (and fails).
  const failed = await server.gql(CallSessionsPageDocument, { first: 10, filter: { directions: ['INBOUND'] }, onProviderError: 'FAIL' });
  assert.equal(failed.errors![0]!.extensions!['code'], 'UPSTREAM_UNAVAILABLE');
  await fetch(`${server.sandbox.running(callgearSandbox).baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({}) });
  await server.gql(ProvidersDocument, {});
  const text = await metricsText();

  const telphinCalls = server.runtime.upstreamRequests.total({ vendor: 'TELPHIN', operation: 'calls.list', outcome: '200' });
  assert.ok(telphinCalls >= 2);
  assert.equal(sample(text, 'callbridge_upstream_requests_total', 'vendor="TELPHIN",account="telphin-demo",operation="calls.list",status="200"'), telphinCalls);
  assert.equal(sample(text, 'callbridge_upstream_requests_total', 'vendor="CALLGEAR",operation="get.calls_report",status="500"'), 2, 'two attempts failed');
  assert.equal(sample(text, 'callbridge_upstream_retries_total', 'vendor="CALLGEAR",account="callgear-demo"'), 1);
  assert.ok(sample(text, 'callbridge_upstream_request_duration_seconds_count', 'vendor="RINGCENTRAL",operation="call-log.list"') >= 2);
  assert.equal(sample(text, 'callbridge_account_state', 'vendor="CALLGEAR",account="callgear-demo"'), 0, 'OK again after the providers probe');
  assert.equal(sample(text, 'callbridge_graphql_operations_total', 'operation="CallSessionsPage",code="OK"'), 2);
  const hits = server.runtime.upstreamRequests.eventCount('cache-hit:list-page', 'TELPHIN');
  assert.ok(hits >= 1);
  assert.equal(sample(text, 'callbridge_upstream_cache_lookups_total', 'vendor="TELPHIN",account="telphin-demo",kind="list-page",result="hit"'), hits);
  assert.ok(sample(text, 'callbridge_upstream_cache_lookups_total', 'vendor="TELPHIN",account="telphin-demo",kind="list-page",result="miss"') >= 2);
  assert.equal(sample(text, 'callbridge_graphql_operations_total', 'operation="CallSessionsPage",code="UPSTREAM_UNAVAILABLE"'), 1);
  assert.ok(sample(text, 'callbridge_graphql_operation_duration_seconds_count', 'operation="Providers"') >= 1);
  const cacheBytes = Number(/^callbridge_upstream_cache_bytes (\S+)$/m.exec(text)?.[1]);
  assert.ok(cacheBytes > 0 && cacheBytes <= server.runtime.config.upstream.cacheMaxBytes, `the upstream cache holds ${cacheBytes} bytes, within its bound`);
  assert.doesNotMatch(text, /sandbox-token|sandbox-secret|sandbox-jwt|Bearer/);
});
