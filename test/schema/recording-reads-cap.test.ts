import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RecordingFactsDocument } from '../generated/graphql';
import { inProcessGraphQL } from '../support/in-process';
import { MemoryAdapter } from '../support/memory-adapter';
import { Provider } from '../support/providers';
import { makeSession } from '../support/session-factory';

/**
 * The cost estimate counts one recording metadata read per call; a call recorded in several parts must not
 * take an operation past it: the parts beyond are a typed error on their fields, the rest answers.
 */
const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const recording = (id: string) => ({ nativeId: id, startTime: new Date(NOW - 60_000), duration: null, contentType: null });
const sessions = [makeSession(Provider.RINGCENTRAL!, 'rc', 's-1', NOW - 60_000, { detail: { legs: [], recordings: [recording('r1'), recording('r2'), recording('r3')] } })];

let graphql: Awaited<ReturnType<typeof inProcessGraphQL>>;
const asked: string[] = [];
before(async () => {
  const twin = Object.assign(new MemoryAdapter({ provider: Provider.RINGCENTRAL!, account: 'rc', sessions: () => sessions, extensions: [], pageSize: 100, pagingStyle: 'newest-first' }), {
    describeRecordings: async (ids: readonly string[]) => {
      asked.push(...ids);
      return ids.map(() => ({ duration: 42, contentType: 'audio/mpeg' }));
    },
  });
  graphql = await inProcessGraphQL([twin], NOW);
});
after(async () => graphql.stop());

test('one call with three recordings, asked with first: 1, reads the metadata of one', async () => {
  const result = await graphql.execute(RecordingFactsDocument, { first: 1 });
  const recordings = result.data!.callSessions.edges[0]!.node.recordings!;
  assert.deepEqual(recordings.map((r) => r.duration), [42, null, null]);
  assert.deepEqual(asked, ['r1']);
  assert.ok(result.errors && result.errors.length === 4, JSON.stringify(result.errors));
  assert.ok(result.errors.every((e) => e.extensions?.['code'] === 'QUERY_TOO_EXPENSIVE'));
});
