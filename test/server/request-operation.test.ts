import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CallSessionsPageDocument } from '../generated/graphql';
import { TestServer, startTestServer } from '../support/test-server';
import { setFaults } from '../support/vendor-walk';
import { telphinSandbox } from '../../src/sandbox/telphin/sandbox-module';

/**
 * The operation's deadline bounds a query even when a vendor hangs longer than the per-attempt timeout:
 * its requests are cancelled at the deadline and the query answers with the hanging account missing.
 */
let server: TestServer;

before(async () => {
  server = await startTestServer({
    callsPerVendor: 100,
    configure: (c) => ({ ...c, upstream: { ...c.upstream, timeoutMs: 20_000, operationDeadlineSeconds: 1, listPageTtlSeconds: 0 } }),
  });
});
after(async () => {
  await setFaults(server, {});
  await server.stop();
});

test('a vendor hanging past the attempt timeout: the query answers at its 1 s deadline, the account listed missing', async () => {
  await setFaults(server, { hangRate: 1 }, [server.sandbox.running(telphinSandbox).baseUrl]);
  const res = await server.gql(CallSessionsPageDocument, { first: 10 });
  // The hanging request ended at the operation's deadline, not at its 20 s attempt timeout.
  assert.match(res.errors![0]!.message, /no answer before the operation's deadline/);
  assert.deepEqual(res.data!.callSessions.missingProviders, [{ provider: 'TELPHIN', account: 'telphin-demo' }]);
  assert.equal(res.data!.callSessions.edges.length, 10, 'the other vendors\' rows are served');
  assert.equal(res.errors![0]!.extensions!['code'], 'UPSTREAM_UNAVAILABLE');
});
