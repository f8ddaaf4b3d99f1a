import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { setLogDestination } from '../../src/lib/logger';
import { CallSessionsPageDocument, CallSessionsWithDetailDocument, ProvidersDocument } from '../generated/graphql';
import { DEMO_KEY, TEST_SIGNING_SECRET, TestServer, startTestServer } from '../support/test-server';
import { ringcentralSandbox } from '../../src/sandbox/ringcentral/sandbox-module';

/** Every secret the sandbox configures: vendor credentials, the signing secret, the tenants' API keys. */
const SECRETS = ['sandbox-secret', 'sandbox-jwt', 'sandbox-token', 'sandbox-password', TEST_SIGNING_SECRET, DEMO_KEY, 'sandbox-ringcentral-key'];

const lines: string[] = [];
const responses: string[] = [];
let server: TestServer;

before(async () => {
  setLogDestination(
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    }),
    'info',
  );
  server = await startTestServer({ callsPerVendor: 100, configure: (c) => ({ ...c, upstream: { ...c.upstream, timeoutMs: 400, retryAttempts: 2 } }) });
});
after(async () => {
  await server.stop();
  setLogDestination(null, 'silent');
});

const record = async (res: Response) => {
  const text = await res.text();
  responses.push(text);
  return text;
};

test('representative traffic, failures included, never shows a configured secret in a log line or a response', async () => {
  responses.push(JSON.stringify(await server.gql(CallSessionsPageDocument, { first: 20 })));
  const detailed = await server.gql(CallSessionsWithDetailDocument, { first: 20 });
  responses.push(JSON.stringify(detailed));
  responses.push(JSON.stringify(await server.gql(ProvidersDocument, {})));
  responses.push(JSON.stringify(await server.gql(CallSessionsPageDocument, { first: 5 }, 'not-a-key')));
  responses.push(JSON.stringify(await server.gql(CallSessionsPageDocument, { first: 5, after: 'tampered.cursor' })));
  const url = detailed.data!.callSessions.edges.flatMap((e) => e.node.recordings ?? []).map((r) => r.url)[0]!;
  await (await fetch(url)).arrayBuffer();
  await record(await fetch(`${url.slice(0, -3)}xyz`));
  // A vendor failing, and an internal error quoting a credentialed URL.
  await fetch(`${server.sandbox.running(ringcentralSandbox).baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errorRate: 1 }) });
  responses.push(JSON.stringify(await server.gql(CallSessionsPageDocument, { first: 5 })));
  await fetch(`${server.sandbox.running(ringcentralSandbox).baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({}) });
  const telphin = server.runtime.adapters.find((a) => a.provider === 'TELPHIN')!;
  const original = telphin.getExtensions.bind(telphin);
  telphin.getExtensions = async () => {
    throw new Error('GET https://ops:sandbox-password@api.example/ext?access_token=sandbox-token with Bearer sandbox-jwt failed');
  };
  try {
    responses.push(JSON.stringify(await server.gql(CallSessionsWithDetailDocument, { first: 5, filter: { providers: ['TELPHIN'] } })));
  } finally {
    telphin.getExtensions = original;
  }
  await record(await fetch(`${server.url}/metrics`));

  assert.ok(lines.length >= 8, `${lines.length} log lines`);
  const operations = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['event'] === 'graphql.operation');
  // Six operations reached GraphQL (the unknown key was refused before it).
  assert.ok(operations.length >= 6, lines.map((l) => l.slice(0, 160)).join('\n'));
  for (const op of operations) {
    assert.match(String(op['requestId']), /^[0-9a-f-]{36}$/);
    assert.equal(typeof op['durationMs'], 'number');
    assert.equal(typeof op['upstreamCalls'], 'number');
  }
  assert.ok(operations.some((op) => op['operation'] === 'CallSessionsWithDetail' && (op['upstreamCalls'] as number) >= 3), 'upstream calls are counted per operation');
  assert.equal(new Set(operations.map((op) => op['requestId'])).size, operations.length, 'one request id per operation');
  const refused = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['event'] === 'graphql.refused');
  assert.equal(refused.length, 1, 'the unknown key was refused with a log line of its own');
  assert.equal(refused[0]!['code'], 'UNAUTHENTICATED');
  assert.match(String(refused[0]!['requestId']), /^[0-9a-f-]{36}$/);
  assert.ok(!lines.some((l) => l.includes('not-a-key')), 'the refused key is not logged');
  assert.ok(lines.some((l) => l.includes('graphql.internal_error') && l.includes('[redacted]')), 'the internal error was logged, scrubbed');
  for (const secret of SECRETS) {
    for (const line of lines) assert.ok(!line.includes(secret), `log line shows ${secret}: ${line}`);
    for (const body of responses) assert.ok(!body.includes(secret), `response shows ${secret}`);
  }
});
