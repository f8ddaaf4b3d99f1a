import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CallLeg, Extension } from '../../src/domain/call-session';
import { CallDirection, CallResult, LegRole } from '../../src/domain/enums';
import { RequestLoaders } from '../../src/history/request-loaders';
import { MemoryAdapter } from '../support/memory-adapter';
import { Provider } from '../support/providers';
import { makeSession } from '../support/session-factory';
import { testCaller } from '../support/upstream';

const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const ext = (id: string): Extension => ({ provider: Provider.TELPHIN, account: 'tp', nativeId: id, extensionNumber: id, name: `Ext ${id}`, type: 'user', email: null });
const party = (extensionId: string | null) => ({ rawNumber: null, phoneNumber: null, name: null, location: null, extensionId });
const leg = (extensionId: string, from: string | null, to: string | null): CallLeg => ({
  index: 0, legType: 'x', role: LegRole.CALLEE, master: null, startTime: new Date(NOW), answerTime: null, duration: 1, direction: CallDirection.INBOUND,
  result: CallResult.ANSWERED, vendorResult: null, from: party(from), to: party(to), extensionId, recording: null,
});

test('prefetchExtensions loads every extension a page names in one batch per account, and extension() then answers at once', async () => {
  const adapter = new MemoryAdapter({ provider: Provider.TELPHIN, account: 'tp', sessions: () => [], extensions: ['1', '2', '3', '4', '5'].map(ext), pageSize: 10, pagingStyle: 'page' });
  const sessions = [
    makeSession(Provider.TELPHIN, 'tp', 'a', NOW, { extensionId: '1', from: party('2'), detail: { legs: [leg('3', '4', null)], recordings: [] } }),
    makeSession(Provider.TELPHIN, 'tp', 'b', NOW, { extensionId: '5', to: party('gone') }),
  ];
  const loaders = new RequestLoaders({ tenant: 't', adapters: [adapter] }, testCaller());
  await loaders.prefetchExtensions(sessions);
  assert.deepEqual(adapter.stats.extensionBatches.map((b) => [...b].sort()), [['1', '2', '3', '4', '5', 'gone']]);
  assert.deepEqual(loaders.extension(Provider.TELPHIN, 'tp', '3'), ext('3'), 'a value, not a promise');
  assert.equal(loaders.extension(Provider.TELPHIN, 'tp', 'gone'), null, 'known to be absent, at once');
  assert.equal(loaders.extension(Provider.CALLGEAR, 'cg', '1'), null, 'outside the tenant');
  const unknown = loaders.extension(Provider.TELPHIN, 'tp', '9');
  assert.ok(unknown instanceof Promise, 'an id the page did not name is loaded');
  assert.equal(await unknown, null);
});

test('a prefetch that fails leaves the fields to ask again and report the failure themselves', async () => {
  const adapter = new MemoryAdapter({ provider: Provider.TELPHIN, account: 'tp', sessions: () => [], extensions: [ext('1')], pageSize: 10, pagingStyle: 'page' });
  adapter.failure = 'down';
  const loaders = new RequestLoaders({ tenant: 't', adapters: [adapter] }, testCaller());
  await loaders.prefetchExtensions([makeSession(Provider.TELPHIN, 'tp', 'a', NOW, { extensionId: '1' })]);
  const answer = loaders.extension(Provider.TELPHIN, 'tp', '1');
  assert.ok(answer instanceof Promise);
  await assert.rejects(answer);
  adapter.failure = null;
  assert.deepEqual(await loaders.extension(Provider.TELPHIN, 'tp', '1'), ext('1'), 'the failure was not kept');
});

test("a request reads the metadata of at most as many recordings as its estimate counted; the same recording again is free", async () => {
  const asked: string[][] = [];
  const adapter = Object.assign(new MemoryAdapter({ provider: Provider.RINGCENTRAL, account: 'rc', sessions: () => [], extensions: [], pageSize: 10, pagingStyle: 'page' }), {
    describeRecordings: async (ids: readonly string[]) => {
      asked.push([...ids]);
      return ids.map((id) => ({ duration: id.length, contentType: 'audio/wav' }));
    },
  });
  const loaders = new RequestLoaders({ tenant: 't', adapters: [adapter] }, testCaller());
  loaders.limitRecordingReads(2);
  const [a, b] = await Promise.all([loaders.recordingFacts(Provider.RINGCENTRAL, 'rc', 'r1'), loaders.recordingFacts(Provider.RINGCENTRAL, 'rc', 'r22')]);
  assert.deepEqual([a, b], [{ duration: 2, contentType: 'audio/wav' }, { duration: 3, contentType: 'audio/wav' }]);
  assert.deepEqual(asked, [['r1', 'r22']], 'one batch');
  assert.deepEqual(await loaders.recordingFacts(Provider.RINGCENTRAL, 'rc', 'r1'), { duration: 2, contentType: 'audio/wav' }, 'asked before: no new read');
  assert.throws(() => loaders.recordingFacts(Provider.RINGCENTRAL, 'rc', 'r333'), (error: Error & { code?: string }) => error.code === 'QUERY_TOO_EXPENSIVE' && /2 recordings/.test(error.message));
  assert.equal(asked.length, 1);
  assert.equal(loaders.recordingFacts(Provider.TELPHIN, 'tp', 'x'), null, 'an account without recording metadata (or outside the tenant)');
});
