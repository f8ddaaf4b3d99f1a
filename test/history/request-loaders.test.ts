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
