import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startTestServer } from '../support/test-server';

test('server-side logging keeps to maxLogsPerSecond, leaving the CRM room for people', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ssl-pace-'));
  const server = await startTestServer({
    callsPerVendor: 300,
    crm: true,
    // A CRM that would take everything: only the pace holds logging back.
    crmRequestsPer2s: 100_000,
    configure: (c) => ({
      ...c,
      appConnect: { ...c.appConnect, ledgerPath: join(dir, 'ledger.db'), connectors: c.appConnect.connectors.map((k) => ({ ...k, serverSideLogging: { ...k.serverSideLogging!, pollSeconds: 0.2, maxLogsPerSecond: 1 } })) },
    }),
  });
  try {
    const crm = server.sandbox.crm!;
    for (let wait = 0; wait < 100 && crm.activities().length === 0; wait++) await new Promise((resolve) => setTimeout(resolve, 100));
    const first = crm.activities().length;
    assert.ok(first > 0, 'logging started');
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const logged = crm.activities().length - first;
    // One a second over four seconds, and the ones under way: without the pace, hundreds.
    assert.ok(logged <= 4 * 1 + 3, `${logged} calls logged in 4 s`);
    assert.ok(logged >= 2, `${logged} calls logged in 4 s: logging goes on`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
