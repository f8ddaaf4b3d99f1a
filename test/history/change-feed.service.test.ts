import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SortOrder } from '../../src/domain/ordering';
import { encodeGlobalId } from '../../src/history/global-id';
import { ChangesPageDocument, ChangesPageQuery, ChangesPageQueryVariables, SessionNowDocument } from '../generated/graphql';
import { appendedIds, changeCall, deleteCall } from '../support/sandbox-calls';
import { groundTruth, sandboxAccounts } from '../support/vendor-walk';
import { RC_ONLY_KEY, TestServer, startTestServer } from '../support/test-server';

type Change = ChangesPageQuery['callSessionChanges']['edges'][number]['node'];

/** A partner's copy: sessions by id with the version they came with; deletes applied. */
class Copy {
  readonly rows = new Map<string, { version: number; session: NonNullable<Change['session']> }>();
  deliveries = 0;
  apply(change: Change): void {
    this.deliveries += 1;
    const held = this.rows.get(change.id);
    if (held && held.version >= change.version) return;
    if (change.kind === 'DELETE') this.rows.delete(change.id);
    else this.rows.set(change.id, { version: change.version, session: change.session! });
  }
  /** An account read again in full: what of it was not delivered again is gone. */
  resync(resync: { provider: string; account: string; staleBefore: number }): void {
    for (const [id, row] of this.rows) if (row.session.provider === resync.provider && row.session.account === resync.account && row.version < resync.staleBefore) this.rows.delete(id);
  }
}

let server: TestServer;
/** Callbridge's clock runs this far ahead of the simulators' (ms), so that a test can step past the 10 s freshness. */
let offset = 0;
const stats = async () => Promise.all(server.sandbox.simulators.map(async (s) => ((await (await fetch(`${s.running.baseUrl}/__sandbox/stats`)).json()) as { total: number }).total));
const resetStats = () => Promise.all(server.sandbox.simulators.map((s) => fetch(`${s.running.baseUrl}/__sandbox/reset`, { method: 'POST' })));

/**
 * Pages of the feed until it is caught up, applied to the copy; the last checkpoint. A run from a checkpoint
 * first moves Callbridge's clock past the freshness interval (10 s), as a partner's next run would come later.
 */
async function sync(copy: Copy, after: string | null, variables: Partial<ChangesPageQueryVariables> = {}, later = true): Promise<{ checkpoint: string; pages: number; changes: Change[]; resyncs: Array<{ account: string }> }> {
  if (after !== null && later) offset += 11_000;
  let checkpoint = after;
  const changes: Change[] = [];
  const resyncs: Array<{ account: string }> = [];
  for (let pages = 1; pages <= 500; pages++) {
    const answer = await server.gql(ChangesPageDocument, { first: 100, after: checkpoint, ...variables, ...(checkpoint ? { since: null } : {}) });
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    const page = answer.data!.callSessionChanges;
    for (const edge of page.edges) copy.apply(edge.node);
    for (const resync of page.resyncedAccounts) copy.resync(resync);
    resyncs.push(...page.resyncedAccounts);
    changes.push(...page.edges.map((e) => e.node));
    checkpoint = page.pageInfo.endCursor!;
    if (!page.pageInfo.hasNextPage) return { checkpoint, pages, changes, resyncs };
  }
  throw new Error('the feed never caught up');
}

const idsOf = (server: TestServer, from: number) => groundTruth(server, SortOrder.START_TIME_ASC, { from }).map((row) => encodeGlobalId({ type: 'CallSession', ...row }));

before(async () => {
  server = await startTestServer({ callsPerVendor: 150, simulators: { ringcentral: { syncResetEvery: 0 } }, now: () => Date.now() + offset });
});
after(() => server.stop());

test('a first sync delivers every session once; a caught-up run that finds nothing costs one vendor request per account', async () => {
  const since = Date.now() - 30 * 86_400_000;
  const copy = new Copy();
  const first = await sync(copy, null, { since: new Date(since).toISOString() });
  assert.deepEqual([...copy.rows.keys()].sort(), idsOf(server, since).sort());
  assert.equal(copy.deliveries, copy.rows.size, 'no session delivered twice');
  await resetStats();
  // Every account was read within the last 10 s: the feed is caught up without asking anyone.
  const atOnce = await sync(copy, first.checkpoint, {}, false);
  assert.deepEqual([atOnce.changes.length, atOnce.pages, ...(await stats())], [0, 1, 0, 0, 0]);
  const again = await sync(copy, first.checkpoint);
  assert.equal(again.changes.length, 0, 'nothing changed, nothing delivered');
  assert.equal(again.pages, 1);
  assert.deepEqual(await stats(), sandboxAccounts(server).map(() => 1), 'one vendor request per account');
});

/** A session as Callbridge reads it now (the vendors' data), for comparing a copy's content. */
async function readNow(id: string) {
  const answer = await server.gql(SessionNowDocument, { id });
  return answer.data?.callSession ?? null;
}

test('late, changed and deleted records reach the copy: late calls behind the watermark, final figures, RingCentral deletions', async () => {
  const copy = new Copy();
  const since = Date.now() - 30 * 86_400_000;
  let { checkpoint } = await sync(copy, null, { since: new Date(since).toISOString() });
  const [rc, cg, tp] = server.sandbox.simulators.map((s) => s.running.baseUrl) as [string, string, string];
  // Calls that show up now, but started well before the feed's watermark.
  const late = await Promise.all([rc, cg, tp].map((base) => appendedIds(base, { count: 2, startedSecondsAgo: 1800 })));
  ({ checkpoint } = await sync(copy, checkpoint));
  // Final figures arriving later: RingCentral's for a call ten days old, the others' for calls inside the lookback window.
  const accounts = sandboxAccounts(server);
  const old = groundTruth(server, SortOrder.START_TIME_ASC, { providers: [accounts[0]!.provider] }).find((row) => row.startTime < Date.now() - 10 * 86_400_000)!;
  const changed = [old.nativeId, late[1]![0]!, late[2]![0]!];
  const changedIds = changed.map((nativeId, i) => encodeGlobalId({ type: 'CallSession', provider: accounts[i]!.provider, account: accounts[i]!.account, nativeId }));
  const before = changedIds.map((id) => copy.rows.get(id)?.session.duration);
  for (const [i, base] of [rc, cg, tp].entries()) assert.equal((await changeCall(base, changed[i]!, { extendSeconds: 90, addRecording: true })).status, 200);
  const doomed = groundTruth(server, SortOrder.START_TIME_ASC, { providers: [accounts[0]!.provider] })[20]!;
  assert.equal((await deleteCall(rc, doomed.nativeId)).status, 200);
  const run = await sync(copy, checkpoint);

  assert.deepEqual([...copy.rows.keys()].sort(), idsOf(server, since).sort(), 'the late calls are there, the deleted one is gone');
  for (const [i, id] of changedIds.entries()) {
    const now = await readNow(id);
    assert.ok(now && now.duration! > before[i]!, `the call ${id} changed`);
    assert.deepEqual({ duration: copy.rows.get(id)?.session.duration, hasRecording: copy.rows.get(id)?.session.hasRecording }, { duration: now.duration, hasRecording: now.hasRecording }, `the copy of ${id} is the call as it is now`);
  }
  assert.ok(run.changes.some((c) => c.kind === 'DELETE' && c.id === encodeGlobalId({ type: 'CallSession', ...doomed })), 'a tombstone for the deleted call');
  assert.equal(run.changes.length, 4, 'three changed sessions and one deletion, and no unchanged session delivered again');
});

test('checkpoints are bound to the key and the filter, and refuse tampering with one clear error', async () => {
  const first = await server.gql(ChangesPageDocument, { first: 5, filter: { providers: ['RINGCENTRAL'] } });
  const checkpoint = first.data!.callSessionChanges.pageInfo.endCursor!;
  const code = (answer: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => answer.errors?.[0]?.extensions?.['code'];
  assert.equal(code(await server.gql(ChangesPageDocument, { first: 5, after: checkpoint })), 'BAD_USER_INPUT', 'another filter');
  assert.equal(code(await server.gql(ChangesPageDocument, { first: 5, after: checkpoint, filter: { providers: ['RINGCENTRAL'] } }, RC_ONLY_KEY)), 'BAD_USER_INPUT', 'another tenant');
  const [body, signature] = checkpoint.split('.');
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), since: 0 })).toString('base64url');
  assert.equal(code(await server.gql(ChangesPageDocument, { first: 5, after: `${forged}.${signature}`, filter: { providers: ['RINGCENTRAL'] } })), 'BAD_USER_INPUT', 'a tampered one');
  assert.equal(code(await server.gql(ChangesPageDocument, { first: 5, after: checkpoint, since: new Date().toISOString(), filter: { providers: ['RINGCENTRAL'] } })), 'BAD_USER_INPUT', 'since with a checkpoint');
  const ok = await server.gql(ChangesPageDocument, { first: 5, after: checkpoint, filter: { providers: ['RINGCENTRAL'] } });
  assert.equal(ok.errors, undefined);
});

test('a forced full sync (RingCentral refuses the token) walks the account again and the copy stays right', async () => {
  const copy = new Copy();
  const since = Date.now() - 30 * 86_400_000;
  const { checkpoint } = await sync(copy, null, { since: new Date(since).toISOString() });
  const rc = server.sandbox.simulators[0]!.running.baseUrl;
  await fetch(`${rc}/__sandbox/sync-reset`, { method: 'POST' });
  const [late] = await appendedIds(rc, { count: 1, startedSecondsAgo: 5 * 86_400 });
  // A deletion the refused token would have reported: only the full re-read can tell it.
  const doomed = groundTruth(server, SortOrder.START_TIME_ASC, { providers: [sandboxAccounts(server)[0]!.provider], from: since })[7]!;
  assert.equal((await deleteCall(rc, doomed.nativeId)).status, 200);
  const run = await sync(copy, checkpoint);
  assert.deepEqual(run.resyncs.map((r) => r.account), [sandboxAccounts(server)[0]!.account], 'the re-read account is named once');
  assert.ok(!copy.rows.has(encodeGlobalId({ type: 'CallSession', ...doomed })), 'the call deleted while the token was lost is gone');
  assert.ok(copy.rows.has(encodeGlobalId({ type: 'CallSession', provider: sandboxAccounts(server)[0]!.provider, account: sandboxAccounts(server)[0]!.account, nativeId: late! })), 'a call five days late');
  assert.deepEqual([...copy.rows.keys()].sort(), idsOf(server, since).sort());
  const rcRows = idsOf(server, since).filter((id) => run.changes.some((c) => c.id === id)).length;
  console.log(`# forced FSync: ${run.changes.length} sessions delivered again (RingCentral holds ${groundTruth(server, SortOrder.START_TIME_ASC, { providers: [sandboxAccounts(server)[0]!.provider], from: since }).length}; ${rcRows} matched)`);
});

test('arguments out of range are BAD_USER_INPUT, and a feed page is priced like any operation', async () => {
  const code = (answer: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => answer.errors?.[0]?.extensions?.['code'];
  assert.equal(code(await server.gql(ChangesPageDocument, { first: 251 })), 'BAD_USER_INPUT');
  assert.equal(code(await server.gql(ChangesPageDocument, { first: 5, since: new Date(Date.now() - 400 * 86_400_000).toISOString() })), 'BAD_USER_INPUT', 'more than 366 days back');
  assert.equal(code(await server.gql(ChangesPageDocument, { first: 5, since: new Date(Date.now() + offset + 3600_000).toISOString() })), 'BAD_USER_INPUT', 'in the future');
  assert.equal(code(await server.gql(ChangesPageDocument, { first: 5, filter: { accounts: ['nope'] } })), 'BAD_USER_INPUT', 'an account that is not yours');
  assert.equal(code(await server.gql(ChangesPageDocument, { first: 5, filter: { accounts: ['telphin-demo'] } }, RC_ONLY_KEY)), 'BAD_USER_INPUT', "another tenant's account");
  const priced = (await server.gql(ChangesPageDocument, { first: 5 })) as { extensions?: { cost?: { estimatedVendorRequests: number } } };
  // Per account: the scan bound (10) for its own window and for each of two windows of sessions the vendor's sync named, and two sync requests.
  assert.equal(priced.extensions?.cost?.estimatedVendorRequests, 3 * (10 * 3 + 2));
});

test('a page asked again after a crash reads the vendor afresh: a record that arrived meanwhile is not passed over', async () => {
  const since = Date.now() - 29 * 86_400_000;
  const filter = { providers: ['CALLGEAR' as const] };
  const page = (after: string | null) => server.gql(ChangesPageDocument, { first: 20, after, ...(after ? {} : { since: new Date(since).toISOString() }), filter });
  const first = (await page(null)).data!.callSessionChanges.pageInfo.endCursor!;
  // The next page is read (and its vendor page kept for a minute), then the client dies before saving it.
  await page(first);
  // A call ten days old shows up, ahead of where the saved checkpoint stands and long behind any lookback window.
  const cg = server.sandbox.simulators[1]!.running.baseUrl;
  const [late] = await appendedIds(cg, { count: 1, startedSecondsAgo: 10 * 86_400 });
  const copy = new Copy();
  await sync(copy, first, { filter }, false);
  assert.ok(copy.rows.has(encodeGlobalId({ type: 'CallSession', provider: sandboxAccounts(server)[1]!.provider, account: sandboxAccounts(server)[1]!.account, nativeId: late! })));
});

test('sessions RingCentral names as changed are read again by the windows they started in, not one request each', async () => {
  const copy = new Copy();
  const since = Date.now() - 30 * 86_400_000;
  const filter = { providers: ['RINGCENTRAL' as const] };
  const { checkpoint } = await sync(copy, null, { since: new Date(since).toISOString(), filter });
  const rc = server.sandbox.simulators[0]!.running.baseUrl;
  const late = await appendedIds(rc, { count: 30, startedSecondsAgo: 7200 });
  await resetStats();
  const run = await sync(copy, checkpoint, { filter });
  assert.equal(run.changes.length, 30);
  assert.ok(late.every((id) => copy.rows.has(encodeGlobalId({ type: 'CallSession', provider: sandboxAccounts(server)[0]!.provider, account: sandboxAccounts(server)[0]!.account, nativeId: id }))));
  // The sync request, one list read of their hour, and the detail (recordings) of the 30 in one bulk read.
  assert.ok((await stats())[0]! <= 3, `vendor requests: ${(await stats())[0]}`);
});
