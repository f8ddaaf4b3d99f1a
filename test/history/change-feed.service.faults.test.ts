import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SortOrder } from '../../src/domain/ordering';
import { encodeGlobalId } from '../../src/history/global-id';
import { ChangesPageDocument, ChangesPageQuery } from '../generated/graphql';
import { appendedIds } from '../support/sandbox-calls';
import { groundTruth, sandboxAccounts } from '../support/vendor-walk';
import { TestServer, startTestServer } from '../support/test-server';

type Page = ChangesPageQuery['callSessionChanges'];

/** The feed's pages until caught up; every id upserted and not deleted since. */
async function syncAll(server: TestServer, after: string | null, held: Set<string>, since?: number): Promise<{ checkpoint: string; pages: Page[] }> {
  let checkpoint = after;
  const pages: Page[] = [];
  for (let n = 0; n < 500; n++) {
    const answer = await server.gql(ChangesPageDocument, { first: 100, after: checkpoint, ...(checkpoint === null && since ? { since: new Date(since).toISOString() } : {}) });
    const page = answer.data!.callSessionChanges;
    pages.push(page);
    for (const { node } of page.edges) node.kind === 'DELETE' ? held.delete(node.id) : held.add(node.id);
    checkpoint = page.pageInfo.endCursor!;
    if (!page.pageInfo.hasNextPage) return { checkpoint, pages };
  }
  throw new Error('the feed never caught up');
}

const truthIds = (server: TestServer, from: number) => groundTruth(server, SortOrder.START_TIME_ASC, { from }).map((row) => encodeGlobalId({ type: 'CallSession', ...row })).sort();

test('an account that fails keeps its position while the others advance, and its changes come when it is back', async () => {
  const server = await startTestServer({
    callsPerVendor: 60,
    simulators: { ringcentral: { syncResetEvery: 0 } },
    configure: (config) => ({ ...config, upstream: { ...config.upstream, retryAttempts: 1, breakerHalfOpenSeconds: 0.2 }, changes: { ...config.changes, freshSeconds: 1 } }),
  });
  try {
    const since = Date.now() - 30 * 86_400_000;
    const held = new Set<string>();
    let { checkpoint } = await syncAll(server, null, held, since);
    const bases = server.sandbox.simulators.map((s) => s.running.baseUrl);
    const accounts = sandboxAccounts(server);
    const late = await Promise.all(bases.map((base) => appendedIds(base, { count: 1, startedSecondsAgo: 1800 })));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const idOf = (i: number) => encodeGlobalId({ type: 'CallSession', provider: accounts[i]!.provider, account: accounts[i]!.account, nativeId: late[i]![0]! });
    await fetch(`${bases[1]}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errorRate: 1 }) });
    const down = await syncAll(server, checkpoint, held);
    const missing = down.pages.flatMap((p) => p.missingProviders.map((m) => m.account));
    assert.ok(missing.includes(accounts[1]!.account), 'the failed account is named');
    assert.ok(held.has(idOf(0)) && held.has(idOf(2)), 'the others advanced');
    assert.ok(!held.has(idOf(1)), 'nothing of the failed account yet');
    checkpoint = down.checkpoint;
    await fetch(`${bases[1]}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({}) });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await syncAll(server, checkpoint, held);
    assert.ok(held.has(idOf(1)), 'the failed account caught up from where it stood');
    assert.deepEqual([...held].sort(), truthIds(server, since));
  } finally {
    await server.stop();
  }
});

test('a checkpoint older than 24 hours still works (Callbridge clock moved on by 25 hours)', async () => {
  let offset = -25 * 3600_000;
  const server = await startTestServer({ callsPerVendor: 60, simulators: { ringcentral: { syncResetEvery: 0 } }, now: () => Date.now() + offset });
  try {
    const since = Date.now() + offset - 29 * 86_400_000;
    const held = new Set<string>();
    const first = await syncAll(server, null, held, since);
    // A day and an hour later, the same checkpoint: what started in between is delivered, nothing refused.
    offset = 0;
    const later = await syncAll(server, first.checkpoint, held);
    assert.ok(later.pages.every((p) => p.missingProviders.length === 0));
    assert.deepEqual([...held].sort(), truthIds(server, since));
  } finally {
    await server.stop();
  }
});
