import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SortOrder } from '../../src/domain/ordering';
import { CallSessionsPageDocument } from '../generated/graphql';
import { TestServer, startTestServer, withAccountSetting } from '../support/test-server';
import { groundTruth, setFaults, walkConnection, withoutAccount } from '../support/vendor-walk';

/**
 * Every simulator misbehaves at once (10% 5xx, 5% 429 asking for a 1 s wait, 2% hangs past the attempt
 * timeout, random latency); a full FAIL-mode walk must still return exactly the data set, each session once.
 */
let server: TestServer;
const faults = (body: object) => setFaults(server, body);

before(async () => {
  server = await startTestServer({
    callsPerVendor: 250,
    // No kept vendor pages and small ones, so that every GraphQL page meets the faulty vendors many times.
    configure: (c) => ({
      ...withAccountSetting(c, 'pageSize', 50),
      upstream: { ...c.upstream, timeoutMs: 400, retryAttempts: 6, maxRetryAfterSeconds: 5, listPageTtlSeconds: 0 },
    }),
  });
  await faults({ errorRate: 0.1, rateLimitRate: 0.05, hangRate: 0.02, latencyMs: [0, 15] });
});
after(async () => {
  await faults({});
  await server.stop();
});

const truth = (order: SortOrder): string[] => groundTruth(server, order).map((row) => `${row.provider}/${row.nativeId}`);

for (const [order, first] of [
  [SortOrder.START_TIME_DESC, 37],
  [SortOrder.START_TIME_ASC, 100],
  [SortOrder.START_TIME_DESC, 100],
] as const) {
  test(`under injected faults, a FAIL-mode walk (${order}, first: ${first}) returns exactly the ground truth`, async (t) => {
    let failedPages = 0;
    const walked = await walkConnection(server, { first, orderBy: order, onProviderError: 'FAIL' }, {
      page: async (after) => {
        for (;;) {
          const res = await server.gql(CallSessionsPageDocument, { first, after, orderBy: order, onProviderError: 'FAIL' });
          if (!res.errors) return res;
          // FAIL mode returns no page: the client asks again with the same cursor.
          assert.equal(res.data, null);
          assert.ok(['UPSTREAM_UNAVAILABLE', 'RATE_LIMITED'].includes(res.errors[0]!.extensions!['code'] as string), JSON.stringify(res.errors[0]));
          failedPages += 1;
          assert.ok(failedPages < 60, 'the walk keeps making progress');
        }
      },
    });
    const seen = walked.ids.map(withoutAccount);
    assert.deepEqual(seen, truth(order));
    const counter = server.runtime.upstreamRequests;
    t.diagnostic(`sessions ${seen.length}, pages that failed and were asked again ${failedPages}, upstream requests so far ${counter.total({})}, timeouts/network errors ${counter.total({ outcome: 'network_error' })}, 5xx ${['500', '503'].reduce((n, o) => n + counter.total({ outcome: o }), 0)}, 429 ${counter.total({ outcome: '429' })}, retries ${counter.eventCount('retry')}`);
  });
}
