import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CallSession, Extension } from '../../src/domain/call-session';
import { SessionExtensionsAndLegsDocument, TwoWalksDocument } from '../generated/graphql';
import { InProcessResult, inProcessGraphQL } from '../support/in-process';
import { MemoryAdapter } from '../support/memory-adapter';
import { Provider } from '../support/providers';
import { makeSession } from '../support/session-factory';

/** The fast tier: the compiled schema through Apollo's executeOperation over test twins, no HTTP. */
const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const SESSIONS = 10;

/** Ten sessions, each owned by an extension of its own and with legs the list cannot carry. */
const sessions: CallSession[] = Array.from({ length: SESSIONS }, (_, i) =>
  makeSession(Provider.CALLGEAR!, 'cg', `s${i}`, NOW - (i + 1) * 60_000, { extensionId: `e${i}`, detail: { legs: [], recordings: [] } }),
);
const extensions: Extension[] = sessions.map((s, i) => ({ provider: s.provider, account: 'cg', nativeId: `e${i}`, extensionNumber: String(200 + i), name: `Agent ${i}`, type: 'employee', email: null }));

let graphql: Awaited<ReturnType<typeof inProcessGraphQL>>;
let twin: MemoryAdapter;
let failing: MemoryAdapter;
before(async () => {
  twin = new MemoryAdapter({ provider: Provider.CALLGEAR!, account: 'cg', sessions: () => sessions, extensions, pageSize: 100, pagingStyle: 'offset', extensionBatchSize: 3, detailBatchSize: 4, listsDetail: false });
  failing = new MemoryAdapter({ provider: Provider.TELPHIN!, account: 'tp', sessions: () => [], extensions: [], pageSize: 100, pagingStyle: 'page' });
  failing.failure = 'down for the test';
  graphql = await inProcessGraphQL([twin, failing], NOW);
});
after(async () => graphql.stop());

const ok = <T>(result: InProcessResult<T>): T => {
  assert.ok(result.data, JSON.stringify(result.errors));
  return result.data;
};

test('extension and leg lookups of a page are batched per account, in the order asked, cut at the vendor batch caps', async () => {
  twin.stats.extensionBatches.length = 0;
  twin.stats.detailBatches.length = 0;
  const data = ok(await graphql.execute(SessionExtensionsAndLegsDocument, { first: SESSIONS }));
  assert.deepEqual(
    data.callSessions.edges.map((e) => e.node.extension?.name),
    sessions.map((_, i) => `Agent ${i}`),
  );
  // The `loadCalls` pattern (graphql/dataloader's own tests): exactly these batches, no more.
  assert.deepEqual(twin.stats.extensionBatches, [['e0', 'e1', 'e2'], ['e3', 'e4', 'e5'], ['e6', 'e7', 'e8'], ['e9']]);
  assert.deepEqual(twin.stats.detailBatches, [['s0', 's1', 's2', 's3'], ['s4', 's5', 's6', 's7'], ['s8', 's9']]);
});

test('a partial page reports its missing vendor at its own path, aliases included', async () => {
  const result = await graphql.execute(TwoWalksDocument, { first: 3 });
  const data = ok(result);
  assert.deepEqual(data.newest.missingProviders, [{ provider: 'TELPHIN', account: 'tp' }]);
  assert.equal(data.oldest.edges.length, 3);
  assert.deepEqual(
    (result.errors ?? []).map((e) => [e.path, e.extensions?.['code']]),
    [
      [['newest'], 'UPSTREAM_UNAVAILABLE'],
      [['oldest'], 'UPSTREAM_UNAVAILABLE'],
    ],
  );
});
