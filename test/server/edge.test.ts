import assert from 'node:assert/strict';
import { Socket, connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { TestServer, startTestServer } from '../support/test-server';

/** How the server faces browsers and the network: CORS, security headers, the production profile, slow clients. */

const preflight = (url: string, origin: string) =>
  fetch(`${url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });

describe('the sandbox', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ callsPerVendor: 50, configure: (c) => ({ ...c, server: { ...c.server, headersTimeoutMs: 1000, requestTimeoutMs: 2000, maxConnections: 20 } }) });
  });
  after(async () => server.stop());

  test('CORS: a local development origin gets its preflight answered, another origin does not; no credentials', async () => {
    const local = await preflight(server.url, 'http://localhost:5173');
    assert.equal(local.status, 204);
    assert.equal(local.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(local.headers.get('access-control-allow-headers') ?? '', /authorization/);
    assert.equal(local.headers.get('access-control-allow-credentials'), null);
    const foreign = await preflight(server.url, 'https://evil.example');
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    const post = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { origin: 'http://127.0.0.1:3000', 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ providers { provider } }' }) });
    assert.equal(post.headers.get('access-control-allow-origin'), 'http://127.0.0.1:3000');
    assert.match(post.headers.get('access-control-expose-headers') ?? '', /retry-after/);
  });

  test('every answer carries the security headers', async () => {
    for (const path of ['/healthz', '/graphql', '/nope']) {
      const res = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/, path);
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, path);
      assert.ok(res.headers.get('strict-transport-security'), path);
    }
  });

  test('a client that trickles its headers is cut off at headersTimeout', async () => {
    const socket: Socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\n');
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
    });
    const seconds = (Date.now() - started) / 1000;
    assert.match(answer, /^HTTP\/1\.1 408/);
    assert.ok(seconds < 5, `closed after ${seconds} s`);
  });

  test('connections past maxConnections are closed as they arrive', async () => {
    const sockets = await Promise.all(
      Array.from({ length: 21 }, () => new Promise<Socket>((resolve) => {
        const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => resolve(socket));
        socket.on('error', () => undefined);
      })),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closed = sockets.filter((s) => s.destroyed || s.readableEnded || !s.writable).length;
    for (const s of sockets) s.destroy();
    assert.ok(closed >= 1, `${closed} of 21 closed`);
  });
});

describe('the production profile', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      callsPerVendor: 50,
      configure: (c) => ({ ...c, mode: 'production', publicUrl: 'https://calls.example.com/', server: { ...c.server, metricsPort: 0, corsOrigins: ['https://app.example.com'] } }),
    });
  });
  after(async () => server.stop());

  const post = (query: string) => fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox-demo-key' }, body: JSON.stringify({ query }) });

  test('no introspection, no playground, no sample explorer, no field suggestions', async () => {
    assert.equal((await fetch(`${server.url}/explorer/`)).status, 404);
    assert.equal((await fetch(`${server.url}/explorer/app.js`)).status, 404);
    const introspection = (await (await post('{ __schema { types { name } } }')).json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    assert.equal(introspection.errors[0]!.extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    assert.doesNotMatch(await page.text(), /graphiql/i);
    assert.equal((await fetch(`${server.url}/graphiql-assets/graphiql.js`)).status, 404);
    const typo = await (await post('{ provider { provider } }')).text();
    assert.doesNotMatch(typo, /Did you mean/);
  });

  test('metrics and readiness are on their own listener, not on the API port', async () => {
    const onApi = await fetch(`${server.url}/metrics`);
    assert.equal(onApi.status, 404);
    assert.equal((await fetch(`${server.url}/readyz`)).status, 404, "readiness names every tenant's accounts");
    assert.notEqual(server.metricsUrl, `${server.url}/metrics`);
    const metrics = await fetch(server.metricsUrl);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /callbridge_/);
    const ready = await fetch(server.metricsUrl.replace(/\/metrics$/, '/readyz'));
    assert.equal(ready.status, 200);
    assert.equal(((await ready.json()) as { status: string }).status, 'ready');
  });

  test('recording links are built from publicUrl, never from the Host header', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox-demo-key', host: 'attacker.example' },
      body: JSON.stringify({ query: '{ callSessions(first: 50, filter: { hasRecording: true }) { edges { node { recordings { url } } } } }' }),
    });
    const body = (await res.json()) as { data: { callSessions: { edges: Array<{ node: { recordings: Array<{ url: string }> } }> } } };
    const urls = body.data.callSessions.edges.flatMap((e) => e.node.recordings.map((r) => r.url));
    assert.ok(urls.length > 0);
    assert.ok(urls.every((url) => url.startsWith('https://calls.example.com/recordings/')), urls[0]);
  });

  test('CORS follows the configured allowlist only', async () => {
    assert.equal((await preflight(server.url, 'https://app.example.com')).headers.get('access-control-allow-origin'), 'https://app.example.com');
    assert.equal((await preflight(server.url, 'http://localhost:5173')).headers.get('access-control-allow-origin'), null);
  });
});
