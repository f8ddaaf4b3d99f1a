import { testCaller, testTransport } from '../support/upstream';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { MalformedResponseError, parseRetryAfter, UpstreamHttpError, UpstreamNetworkError } from '../../src/upstream/upstream-errors';
import { RequestCounter } from '../../src/upstream/request-counter';

async function serve(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

const http = (counter = new RequestCounter()) => testTransport({ timeoutMs: 150, counter });

test('a streamed body may take longer than the per-attempt timeout, which ends when the answer starts', async () => {
  // The headers come at once; the body only once the client has held the answer for twice the timeout.
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'audio/wav' });
    res.write(Buffer.alloc(100, 1));
    void held.then(() => res.end(Buffer.alloc(700, 2)));
  });
  try {
    const timeoutMs = 1000;
    const response = await testTransport({ timeoutMs })<Readable>({ operation: 'media', url: server.url, responseType: 'stream' }, testCaller());
    setTimeout(release, timeoutMs * 2);
    let bytes = 0;
    for await (const chunk of response.data) bytes += (chunk as Buffer).length;
    assert.equal(bytes, 800, 'the whole body arrived, though its end came after the per-attempt timeout');
  } finally {
    await server.stop();
  }
});

test('a vendor that does not answer in time is a network error; a JSON body that is not JSON is malformed', async () => {
  const server = await serve((req, res) => {
    if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 1000);
    if (req.url === '/broken') return void res.end('{"records": [');
    res.writeHead(503, { 'retry-after': '7' }).end('{"errorCode":"CMN-201"}');
  });
  const counter = new RequestCounter();
  try {
    const caller = testCaller();
    await assert.rejects(http(counter)({ operation: 'slow', url: `${server.url}/slow` }, caller), (e: unknown) => e instanceof UpstreamNetworkError && /timeout/.test((e as Error).message));
    await assert.rejects(http(counter)({ operation: 'broken', url: `${server.url}/broken` }, caller), MalformedResponseError);
    await assert.rejects(http(counter)({ operation: 'down', url: `${server.url}/down` }, caller), (e: unknown) => {
      assert.ok(e instanceof UpstreamHttpError);
      assert.equal(e.status, 503);
      assert.equal(e.retryAfterSeconds, 7);
      assert.deepEqual(e.body, { errorCode: 'CMN-201' });
      return true;
    });
    assert.deepEqual(counter.snapshot(), { 'TEST|a|slow|network_error': 1, 'TEST|a|broken|200': 1, 'TEST|a|down|503': 1 });
  } finally {
    await server.stop();
  }
});

test('Retry-After in seconds or as an HTTP date', () => {
  assert.equal(parseRetryAfter('30'), 30);
  assert.equal(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 1, 0)).toUTCString(), Date.UTC(2026, 0, 1, 0, 0, 0)), 60);
  assert.equal(parseRetryAfter('soon'), null);
  assert.equal(parseRetryAfter(undefined), null);
});
