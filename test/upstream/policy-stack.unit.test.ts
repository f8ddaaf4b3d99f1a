import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { UpstreamUnavailableError } from '../../src/domain/errors';
import { composeAccountStack } from '../../src/upstream/policy-stack';
import { RequestCounter } from '../../src/upstream/request-counter';
import { testCaller, testUpstream } from '../support/upstream';

/**
 * The composed stack of one account against a local server that counts what reaches it: each policy is
 * proven by what the vendor sees (distinct URLs wherever sharing must not hide a rule).
 */
let url = '';
let inFlight = 0;
let peak = 0;
let hits = new Map<string, number>();
let failFirst = new Set<string>();
const server = createServer((req, res) => {
  const path = req.url ?? '';
  hits.set(path, (hits.get(path) ?? 0) + 1);
  inFlight += 1;
  peak = Math.max(peak, inFlight);
  setTimeout(() => {
    inFlight -= 1;
    if (path.startsWith('/missing')) return void res.writeHead(404).end('{}');
    if (failFirst.has(path)) {
      failFirst.delete(path);
      return void res.writeHead(503).end('{}');
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path }));
  }, 30);
});
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const reset = (): void => {
  inFlight = 0;
  peak = 0;
  hits = new Map();
  failFirst = new Set();
};

function stack(options: { maxConcurrent?: number; oneAtATime?: (operation: string) => boolean } = {}) {
  const counter = new RequestCounter();
  const upstream = testUpstream({ counter, bulkhead: { maxConcurrent: options.maxConcurrent ?? 8, maxQueued: 100 } });
  const selects = options.oneAtATime;
  return {
    counter,
    stack: composeAccountStack(upstream, {
      account: { provider: 'TEST', account: 'a' },
      plan: { groups: {}, groupOf: () => 'none' },
      quotaHolder: 'a',
      ...(selects ? { oneAtATime: (request: { operation: string }) => selects(request.operation) } : {}),
    }),
  };
}

test('the bulkhead holds distinct concurrent requests of an account to maxConcurrent', async () => {
  reset();
  const { stack: s } = stack({ maxConcurrent: 2 });
  await Promise.all(Array.from({ length: 6 }, (_, i) => s.send({ operation: 'read', url: `${url}/distinct/${i}` }, testCaller())));
  assert.equal(hits.size, 6, 'six distinct requests reached the vendor');
  assert.equal(peak, 2);
});

test('identical concurrent GETs share one exchange', async () => {
  reset();
  const { stack: s } = stack();
  const same = await Promise.all(Array.from({ length: 5 }, () => s.send<{ path: string }>({ operation: 'read', url: `${url}/same` }, testCaller())));
  assert.ok(same.every((r) => r.data.path === '/same'));
  assert.equal(hits.get('/same'), 1);
});

test('a selected operation runs one at a time; the others pass beside it', async () => {
  reset();
  const { stack: s } = stack({ oneAtATime: (operation) => operation === 'stats' });
  await Promise.all(Array.from({ length: 4 }, (_, i) => s.send({ operation: 'stats', url: `${url}/stats/${i}` }, testCaller())));
  assert.equal(peak, 1, 'never two statistics requests at once');
  reset();
  await Promise.all(Array.from({ length: 4 }, (_, i) => s.send({ operation: 'other', url: `${url}/other/${i}` }, testCaller())));
  assert.ok(peak > 1, 'other operations are not held');
});

test('a 5xx is retried by the one retry loop, and a failure that stays leaves typed', async () => {
  reset();
  const { stack: s, counter } = stack();
  failFirst.add('/flaky');
  const answer = await s.send<{ path: string }>({ operation: 'read', url: `${url}/flaky` }, testCaller());
  assert.equal(answer.data.path, '/flaky');
  assert.equal(hits.get('/flaky'), 2, 'one failed attempt, one retry');
  assert.equal(counter.eventCount('retry'), 1);
  await assert.rejects(s.send({ operation: 'read', url: `${url}/missing` }, testCaller()), (error: unknown) => error instanceof UpstreamUnavailableError && /read failed/.test(error.message));
});
