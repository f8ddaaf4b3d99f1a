import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Response } from 'express';
import { readinessRoute } from '../../src/server/readiness';
import { CallSessionsPageDocument } from '../generated/graphql';
import { TestServer, startTestServer } from '../support/test-server';
import { setFaults } from '../support/vendor-walk';

let server: TestServer;
before(async () => {
  // One vendor failure opens an account's breaker, and it stays open for the test.
  server = await startTestServer({ callsPerVendor: 50, configure: (c) => ({ ...c, upstream: { ...c.upstream, breakerFailureThreshold: 1, breakerHalfOpenSeconds: 600, retryAttempts: 1, listPageTtlSeconds: 0 } }) });
});
after(async () => {
  await setFaults(server, {});
  await server.stop();
});

test('/readyz is ready with each account\'s state, and 503 once no account is usable', async () => {
  const ready = await fetch(`${server.url}/readyz`);
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), {
    status: 'ready',
    configuration: 'loaded',
    usableAccounts: 3,
    accounts: [
      { provider: 'RINGCENTRAL', account: 'ringcentral-demo', state: 'OK' },
      { provider: 'CALLGEAR', account: 'callgear-demo', state: 'OK' },
      { provider: 'TELPHIN', account: 'telphin-demo', state: 'OK' },
    ],
  });
  await setFaults(server, { errorRate: 1 });
  await server.gql(CallSessionsPageDocument, { first: 5 });
  const down = await fetch(`${server.url}/readyz`);
  assert.equal(down.status, 503);
  const body = (await down.json()) as { status: string; usableAccounts: number; accounts: Array<{ state: string }> };
  assert.deepEqual([body.status, body.usableAccounts, body.accounts.map((a) => a.state)], ['no-usable-account', 0, ['CIRCUIT_OPEN', 'CIRCUIT_OPEN', 'CIRCUIT_OPEN']]);
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'alive all the same');
});

test('/readyz is 503 while the server is starting', () => {
  let status = 0;
  let body: { status?: string } = {};
  const res = { status: (s: number) => ((status = s), res), json: (b: typeof body) => void (body = b) } as unknown as Response;
  readinessRoute(server.runtime, () => false)({} as never, res, () => undefined);
  assert.deepEqual([status, body.status], [503, 'starting']);
});
