import { GENEROUS_RATE_LIMITS, testCaller, testUpstream } from '../../support/upstream';
import assert from 'node:assert/strict';
import { rcCallKeys } from '../../support/rc-calls';
import { test } from 'node:test';
import { BadUserInputError, RateLimitedError } from '../../../src/domain/errors';
import { SortOrder } from '../../../src/domain/ordering';
import { RingCentralClient } from '../../../src/vendors/ringcentral/client';
import { ringcentralModule, ringcentralStack } from '../../../src/vendors/ringcentral/module';
import { VendorAdapter } from '../../../src/vendors/adapter';
import { makeService, walk } from '../../support/engine-harness';
import { get, startRc, token } from '../../support/rc-direct';

const GENEROUS = { Heavy: { limit: 10_000, windowSeconds: 60, penaltySeconds: 1 }, Auth: { limit: 10_000, windowSeconds: 60, penaltySeconds: 1 }, Medium: { limit: 10_000, windowSeconds: 60, penaltySeconds: 1 } };
const CREDS = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret', jwt: 'sandbox-jwt' };

function adapterFor(sim: { baseUrl: string; mediaBaseUrl: string }, retry = { attempts: 3, baseDelayMs: 10, maxRetryAfterSeconds: 5 }) {
  return ringcentralModule.createAdapter({ key: 'rc', provider: 'RINGCENTRAL', baseUrl: sim.baseUrl, mediaBaseUrl: sim.mediaBaseUrl, credentials: CREDS, rateLimits: GENEROUS_RATE_LIMITS.RINGCENTRAL }, testUpstream({ retry }));
}

/** Walks the whole call log through the engine with pages of `first`: native ids; `between` runs after each page. */
async function walkRc(adapter: VendorAdapter, first: number, options: { order?: SortOrder; withDetail?: boolean; between?: (page: number) => void } = {}): Promise<string[]> {
  const { ids } = await walk(makeService(Date.now()), [adapter], { sizes: [first], order: options.order ?? SortOrder.START_TIME_DESC, withDetail: options.withDetail ?? false, between: (page) => options.between?.(page) });
  return ids.map((id) => id.split('/')[2]!);
}

function expectedIds(sim: Awaited<ReturnType<typeof startRc>>): string[] {
  return rcCallKeys(sim.listAll(), 'rc');
}

test('an access token that expires in the middle of a walk is renewed once and the walk goes on, exactly', async () => {
  let clock = Date.now();
  const sim = await startRc({ now: () => clock, rateLimits: GENEROUS, accessTokenTtlSeconds: 3600 });
  try {
    const adapter = adapterFor(sim);
    const ids = await walkRc(adapter, 40, {
      between: (page) => {
        if (page === 1) clock += 2 * 3600 * 1000; // the simulator's token dies; the client still thinks it valid
      },
    });
    assert.deepEqual(ids, expectedIds(sim));
    const stats = sim.control.snapshot();
    assert.equal(stats.routes['GET /restapi/v1.0/account/~/call-log']!['401'], 1, 'one refused request');
    assert.equal(stats.routes['POST /restapi/oauth/token']!['200'], 2, 'one JWT grant, one refresh');
  } finally {
    await sim.stop();
  }
});

test('a spent refresh token falls back to a new JWT grant', async () => {
  let clock = Date.now();
  const sim = await startRc({ now: () => clock, rateLimits: GENEROUS, accessTokenTtlSeconds: 60, refreshTokenTtlSeconds: 120 });
  try {
    const adapter = adapterFor(sim);
    await walkRc(adapter, 500);
    clock += 10 * 60 * 1000; // both tokens expired at the simulator
    await walkRc(adapter, 500);
    const token = sim.control.snapshot().routes['POST /restapi/oauth/token']!;
    assert.equal(token['400'], 1, 'the refresh was refused');
    assert.equal(token['200'], 2, 'two JWT grants');
  } finally {
    await sim.stop();
  }
});

test('429 with Retry-After is waited out and the walk completes; a longer wait than allowed is RATE_LIMITED', async () => {
  // RingCentral says 429 although its headers left room (another app of the same user spent it): the
  // simulator's fault injection, each 429 asking for a one-second wait.
  const sim = await startRc({ rateLimits: GENEROUS });
  const faults = (body: object) => fetch(`${sim.baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  try {
    await faults({ rateLimitRate: 0.4 });
    const ids = await walkRc(adapterFor(sim, { attempts: 12, baseDelayMs: 10, maxRetryAfterSeconds: 5 }), 20);
    assert.deepEqual(ids, expectedIds(sim));
    const said429 = Object.values(sim.control.snapshot().routes).reduce((n, byStatus) => n + (byStatus['429'] ?? 0), 0);
    assert.ok(said429 >= 1, 'the simulator did say 429');
    await faults({ rateLimitRate: 1 });
    const impatient = adapterFor(sim, { attempts: 3, baseDelayMs: 10, maxRetryAfterSeconds: 0 });
    await assert.rejects(walkRc(impatient, 10), (error: unknown) => error instanceof RateLimitedError && error.retryAfter === 1);
  } finally {
    await faults({});
    await sim.stop();
  }
});

test('an invalid-parameter 400 becomes BAD_USER_INPUT; concurrent requests share one token grant', async () => {
  const sim = await startRc({ rateLimits: GENEROUS });
  try {
    const client = new RingCentralClient(ringcentralStack({ key: 'rc', baseUrl: sim.baseUrl, credentials: CREDS }, testUpstream({ retry: { attempts: 1, baseDelayMs: 1, maxRetryAfterSeconds: 0 } })));
    const signal = testCaller();
    await Promise.all(Array.from({ length: 6 }, () => client.getJson(`call-log.list`, `${sim.baseUrl}/restapi/v1.0/account/~/call-log?perPage=1`, signal)));
    assert.equal(sim.control.snapshot().routes['POST /restapi/oauth/token']!['200'], 1);
    await assert.rejects(client.getJson('call-log.list', `${sim.baseUrl}/restapi/v1.0/account/~/call-log?perPage=0`, signal), (error: unknown) => {
      assert.ok(error instanceof BadUserInputError);
      assert.match((error as Error).message, /CMN-101/);
      return true;
    });
  } finally {
    await sim.stop();
  }
});

test('wrong credentials fail with UPSTREAM_UNAVAILABLE naming the account, without the secret', async () => {
  const sim = await startRc({ rateLimits: GENEROUS });
  try {
    const adapter = ringcentralModule.createAdapter(
      { key: 'rc-bad', provider: 'RINGCENTRAL', baseUrl: sim.baseUrl, mediaBaseUrl: sim.mediaBaseUrl, credentials: { ...CREDS, clientSecret: 'TOP-SECRET-VALUE' }, rateLimits: GENEROUS_RATE_LIMITS.RINGCENTRAL },
      testUpstream({ retry: { attempts: 1, baseDelayMs: 1, maxRetryAfterSeconds: 0 }, directoryTtlMs: 1 }),
    );
    await assert.rejects(adapter.ping(testCaller()), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'UPSTREAM_UNAVAILABLE');
      assert.match(error.message, /rc-bad/);
      assert.doesNotMatch(error.message, /TOP-SECRET-VALUE/);
      return true;
    });
  } finally {
    await sim.stop();
  }
});

test('walks in both orders, with legs, match the listing whether or not call-log pages carry totals', async () => {
  for (const callLogTotals of [false, true]) {
    const sim = await startRc({ rateLimits: GENEROUS, callLogTotals }, 700);
    try {
      const adapter = adapterFor(sim);
      const newest = await walkRc(adapter, 100, { withDetail: true });
      assert.deepEqual(newest, expectedIds(sim), `newest first, totals ${callLogTotals}`);
      const oldest = await walkRc(adapter, 100, { order: SortOrder.START_TIME_ASC, withDetail: true });
      assert.deepEqual(oldest, [...expectedIds(sim)].reverse(), `oldest first, totals ${callLogTotals}`);
      const page = (await get(`${sim.baseUrl}/restapi/v1.0/account/~/call-log?perPage=10`, (await token(sim.baseUrl)).body['access_token'])).body;
      assert.equal('lastPage' in page.navigation, callLogTotals, 'the switch turns the totals on');
      assert.equal('totalPages' in page.paging, callLogTotals);
    } finally {
      await sim.stop();
    }
  }
});

test("the budget follows RingCentral's X-Rate-Limit headers when the app's limit is stricter than the plan", async () => {
  // The app is allowed 3 Heavy requests a minute; the account's plan says 1000.
  const sim = await startRc({ rateLimits: { ...GENEROUS, Heavy: { limit: 3, windowSeconds: 60, penaltySeconds: 60 } } }, 50);
  try {
    const adapter = ringcentralModule.createAdapter(
      { key: 'rc', provider: 'RINGCENTRAL', baseUrl: sim.baseUrl, mediaBaseUrl: sim.mediaBaseUrl, credentials: CREDS, rateLimits: { ...GENEROUS_RATE_LIMITS.RINGCENTRAL, Heavy: [{ limit: 1000, windowSeconds: 60 }] } },
      testUpstream({ retry: { attempts: 3, baseDelayMs: 10, maxRetryAfterSeconds: 0 } }),
    );
    const ids = rcCallKeys(sim.listAll(), 'rc').slice(0, 6);
    const outcomes: string[] = [];
    for (const id of ids) {
      outcomes.push(await adapter.getSession(id, testCaller(new AbortController().signal, 5000)).then(() => 'ok', (error: unknown) => (error instanceof RateLimitedError ? 'RATE_LIMITED' : String(error))));
    }
    assert.deepEqual(outcomes, ['ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    const refused = sim.control.snapshot().routes;
    const vendor429s = Object.values(refused).reduce((n, byStatus) => n + (byStatus['429'] ?? 0), 0);
    assert.equal(vendor429s, 0, 'Callbridge stopped before RingCentral had to say 429');
  } finally {
    await sim.stop();
  }
});
