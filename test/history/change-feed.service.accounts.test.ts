import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChangeKind } from '../../src/history/change-types';
import { makeChangeFeed, makeService } from '../support/engine-harness';
import { MemoryAdapter } from '../support/memory-adapter';
import { Provider } from '../support/providers';
import { makeSession } from '../support/session-factory';
import { testCaller } from '../support/upstream';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const DAY = 86_400_000;
const adapterOf = (provider: string, account: string, count: number) => {
  const sessions = Array.from({ length: count }, (_, i) => makeSession(provider as Provider, account, `${account}-${i}`, NOW - (i + 1) * DAY));
  return new MemoryAdapter({ provider: provider as Provider, account, sessions: () => sessions, extensions: [], pageSize: 5, pagingStyle: 'page' });
};

/** Pages until caught up; the global ids delivered and the last checkpoint. */
async function drain(feed: ReturnType<typeof makeChangeFeed>, adapters: readonly MemoryAdapter[], after: string | null) {
  const ids: string[] = [];
  let checkpoint = after;
  for (let page = 0; page < 100; page++) {
    const result = await feed.changes({ tenant: 't1', adapters }, { first: 7, after: checkpoint, since: checkpoint ? null : new Date(NOW - 20 * DAY), providers: null, accounts: null, withDetail: false, needsDetail: false }, testCaller());
    ids.push(...result.changes.filter((c) => c.kind === ChangeKind.UPSERT).map((c) => c.session!.nativeId));
    checkpoint = result.checkpoint;
    if (!result.hasNextPage) return { ids, checkpoint };
  }
  throw new Error('never caught up');
}

const positionsOf = (checkpoint: string) => Object.keys((JSON.parse(Buffer.from(checkpoint.split('.')[0]!, 'base64url').toString()) as { accounts: object }).accounts);

test('an account added to the tenant later starts from the feed’s since; one removed leaves the checkpoint', async () => {
  const clock = { now: NOW };
  const feed = makeChangeFeed(makeService(NOW), () => clock.now);
  const telphin = adapterOf(Provider.TELPHIN!, 'tp', 12);
  const callgear = adapterOf(Provider.CALLGEAR!, 'cg', 9);
  const first = await drain(feed, [telphin], null);
  assert.equal(first.ids.length, 12);

  clock.now += 60_000;
  const added = await drain(feed, [telphin, callgear], first.checkpoint);
  assert.deepEqual(added.ids.sort(), Array.from({ length: 9 }, (_, i) => `cg-${i}`).sort(), "the new account's history from since, nothing of the old one again");
  assert.deepEqual(positionsOf(added.checkpoint).sort(), ['CALLGEAR/cg', 'TELPHIN/tp']);

  clock.now += 60_000;
  const removed = await drain(feed, [callgear], added.checkpoint);
  assert.deepEqual(removed.ids, []);
  assert.deepEqual(positionsOf(removed.checkpoint), ['CALLGEAR/cg'], 'the removed account is dropped');
});
