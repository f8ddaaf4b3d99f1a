import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RC_DOCUMENTED_LIMITS } from '../../src/sandbox/ringcentral/rc-rate-limits';
import { CallSessionsPageDocument, CallSessionsPageQuery, ProvidersDocument } from '../generated/graphql';
import { GraphQLResponse, TestServer, startTestServer } from '../support/test-server';
import { callgearSandbox } from '../../src/sandbox/callgear/sandbox-module';
import { ringcentralSandbox } from '../../src/sandbox/ringcentral/sandbox-module';
import { telphinSandbox } from '../../src/sandbox/telphin/sandbox-module';

/**
 * The simulators enforce the vendors' documented limits (RingCentral Heavy 10 call-log requests a minute,
 * Auth 5; CallGear's and Telphin's configured defaults) and Callbridge is configured with the same limits.
 * A burst of 100 concurrent queries must never make a simulator answer 429: the budgets throttle first,
 * and what cannot be served before the deadline is refused with RATE_LIMITED and retryAfter.
 */
const DEADLINE_SECONDS = 3;
let server: TestServer;

before(async () => {
  server = await startTestServer({
    callsPerVendor: 300,
    simulators: { ringcentral: { rateLimits: RC_DOCUMENTED_LIMITS } },
    // The tenant's inbound limit is lifted: this test is of the vendor budgets behind it.
    configure: (c) => ({ ...c, upstream: { ...c.upstream, operationDeadlineSeconds: DEADLINE_SECONDS }, limits: { ...c.limits, tenantMaxConcurrent: 1000, tenantRequestsPerMinute: 100_000 } }),
  });
});
after(async () => server.stop());

/** 429s the simulators answered, from their own counters (CallGear says it with JSON-RPC -32029). */
function simulator429s(): Record<string, number> {
  const count = (routes: Record<string, Record<string, number>>, code: string) => Object.values(routes).reduce((n, byStatus) => n + (byStatus[code] ?? 0), 0);
  return {
    ringcentral: count(server.sandbox.running(ringcentralSandbox).control.snapshot().routes, '429'),
    callgear: count(server.sandbox.running(callgearSandbox).control.snapshot().routes, '-32029'),
    telphin: count(server.sandbox.running(telphinSandbox).control.snapshot().routes, '429'),
  };
}

test('a burst of 100 concurrent queries at the documented limits: no vendor 429, refusals are RATE_LIMITED with retryAfter', async (t) => {
  // Half ask for the same first page (they share vendor requests); half filter by a different number each,
  // which RingCentral filters itself, so each needs call-log requests of its own.
  const queries = Array.from({ length: 100 }, (_, i) =>
    i % 2 === 0 ? { first: 10 } : { first: 10, filter: { phoneNumber: `+1415555${String(10_000 + i).slice(1)}` } },
  );
  const started = Date.now();
  const answers: Array<GraphQLResponse<CallSessionsPageQuery>> = await Promise.all(queries.map((variables) => server.gql(CallSessionsPageDocument, variables)));
  const seconds = (Date.now() - started) / 1000;

  assert.deepEqual(simulator429s(), { ringcentral: 0, callgear: 0, telphin: 0 });
  let served = 0;
  let refused = 0;
  for (const answer of answers) {
    const codes = (answer.errors ?? []).map((e) => e.extensions!['code']);
    if (codes.length === 0) {
      served += 1;
      continue;
    }
    refused += 1;
    for (const error of answer.errors!) {
      assert.equal(error.extensions!['code'], 'RATE_LIMITED', JSON.stringify(error));
      const retryAfter = error.extensions!['retryAfter'] as number;
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `retryAfter ${retryAfter}`);
    }
  }
  assert.ok(served >= 1, `what the budgets allowed was served (${served})`);
  assert.ok(refused > 0, 'RingCentral\'s budget of 10 a minute cannot serve 50 different call-log queries');
  const counter = server.runtime.upstreamRequests;
  // Requests whose budget would not refill before the deadline were refused at once, not left waiting.
  assert.ok(counter.eventCount('budget-refused') > 0, 'budget refusals before the deadline');
  t.diagnostic(`100 queries in ${seconds.toFixed(1)} s: ${served} served, ${refused} refused with RATE_LIMITED; RingCentral call-log requests ${counter.total({ vendor: 'RINGCENTRAL', operation: 'call-log.list' })}, budget waits ${counter.eventCount('budget-wait')}, budget refusals ${counter.eventCount('budget-refused')}; simulator 429s ${JSON.stringify(simulator429s())}`);

  // The server keeps serving, and says which account is throttled until when.
  const providers = await server.gql(ProvidersDocument, {});
  assert.equal(providers.errors, undefined);
  const rc = providers.data!.providers.find((p) => p.provider === 'RINGCENTRAL')!;
  assert.equal(rc.state, 'RATE_LIMITED');
  assert.ok(Date.parse(rc.rateLimitedUntil!) > Date.now());
});
