import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UpstreamUnavailableError } from '../../src/domain/errors';
import { AccountHealth, AccountState } from '../../src/upstream/account-health';
import { DeadlinePassed } from '../../src/upstream/caller';

const account = { provider: 'CALLGEAR' as never, account: 'cg' };
const vendorDown = () => Promise.reject(UpstreamUnavailableError.forAccount(account, 'no answer before the timeout'));

test('only vendor faults open the circuit: whatever fails after the client left is not counted, a passed deadline is', async () => {
  const health = new AccountHealth(account, { failureThreshold: 2, halfOpenAfterMs: 60_000 });
  // Five operations whose clients left: each fails (a budget wait or a backoff cut short), none counts.
  for (let i = 0; i < 5; i++) {
    const client = new AbortController();
    client.abort();
    await assert.rejects(health.run(vendorDown, client.signal), (error: unknown) => (error as { code?: string }).code === 'CANCELLED');
  }
  assert.equal(health.report().state, AccountState.OK);
  // The same failures with no client gone, or when the operation's deadline passed: vendor faults, counted.
  const deadline = new AbortController();
  deadline.abort(new DeadlinePassed());
  await assert.rejects(health.run(vendorDown, deadline.signal), UpstreamUnavailableError);
  await assert.rejects(health.run(vendorDown, new AbortController().signal), UpstreamUnavailableError);
  assert.equal(health.report().state, AccountState.CIRCUIT_OPEN);
});
