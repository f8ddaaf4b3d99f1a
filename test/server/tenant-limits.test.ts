import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { print } from 'graphql';
import { CallSessionsPageDocument } from '../generated/graphql';
import { DEMO_KEY, TestServer, startTestServer } from '../support/test-server';
import { setFaults, simulatorRequests } from '../support/vendor-walk';

/** A flooding tenant beside a quiet one: the flood is refused at the edge, the quiet tenant is served. */
let server: TestServer;
const QUIET_KEY = 'sandbox-ringcentral-key';
before(async () => {
  server = await startTestServer({ callsPerVendor: 100, configure: (c) => ({ ...c, limits: { ...c.limits, tenantMaxConcurrent: 3, tenantRequestsPerMinute: 12, keyRequestsPerMinute: 100 } }) });
});
after(async () => server.stop());

async function page(key: string, daysBack: number): Promise<{ status: number; retryAfter: string | null; body: any }> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: print(CallSessionsPageDocument), variables: { first: 5, filter: { from: new Date(Date.now() - daysBack * 86_400_000).toISOString() } } }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

test('a tenant past its requests in progress is refused with 429, Retry-After and RATE_LIMITED, while another tenant is served', async () => {
  await setFaults(server, { latencyMs: [300, 300] });
  try {
    const flood = Array.from({ length: 8 }, (_, i) => page(DEMO_KEY, i + 2));
    const quiet = page(QUIET_KEY, 3);
    const answers = await Promise.all(flood);
    const served = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    assert.equal(served.length, 3, 'three in progress at once');
    assert.equal(refused.length, 5);
    for (const answer of refused) {
      assert.equal(answer.retryAfter, '1');
      assert.equal(answer.body.errors[0].extensions.code, 'RATE_LIMITED');
      assert.equal(answer.body.errors[0].extensions.retryAfter, 1);
    }
    const quietAnswer = await quiet;
    assert.equal(quietAnswer.status, 200);
    assert.equal(quietAnswer.body.errors, undefined);
  } finally {
    await setFaults(server, {});
  }
});

test('a tenant past its requests a minute is refused until the minute turns, before any vendor request', async () => {
  // The first test spent three of the twelve; nine more are served one after another.
  for (let i = 0; i < 9; i++) assert.equal((await page(DEMO_KEY, 20 + i)).status, 200, `request ${i + 4}`);
  const vendorRequests = () => server.runtime.upstreamRequests.total({}) + simulatorRequests(server);
  const before = vendorRequests();
  const refused = await page(DEMO_KEY, 40);
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.retryAfter) >= 1 && Number(refused.retryAfter) <= 60, String(refused.retryAfter));
  assert.equal(refused.body.errors[0].extensions.code, 'RATE_LIMITED');
  assert.equal(vendorRequests() - before, 0, 'no vendor request, by Callbridge\'s count and the simulators\'');
  // The other tenant has its own minute.
  assert.equal((await page(QUIET_KEY, 41)).status, 200);
});

test('one API key past its own requests a minute is refused, before its tenant is', async () => {
  const keyed = await startTestServer({ callsPerVendor: 50, configure: (c) => ({ ...c, limits: { ...c.limits, tenantRequestsPerMinute: 100, keyRequestsPerMinute: 4 } }) });
  try {
    const statuses: number[] = [];
    let refusal: any = null;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${keyed.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': QUIET_KEY }, body: JSON.stringify({ query: '{ providers { provider } }' }) });
      statuses.push(res.status);
      const body = await res.json();
      if (res.status === 429) refusal = body;
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 429]);
    assert.equal(refusal.errors[0].extensions.code, 'RATE_LIMITED');
    assert.match(refusal.errors[0].message, /this API key/);
  } finally {
    await keyed.stop();
  }
});
