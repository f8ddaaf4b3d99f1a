import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SortOrder } from '../../src/domain/ordering';
import { ProviderErrorPolicy } from '../../src/history/session-query';
import { MemoryCacheStore } from '../../src/upstream/cache-store';
import { parseConfig } from '../../src/config/load-config';
import { hashApiKey } from '../../src/config/api-keys';
import { MemoryAdapter } from '../support/memory-adapter';
import { makeService } from '../support/engine-harness';
import { Provider } from '../support/providers';
import { makeSession } from '../support/session-factory';
import { testCaller } from '../support/upstream';

const SPAN = Date.UTC(2026, 10, 1, 12, 0, 0); // a multiple of 5 s
const QUERY = { first: 10, after: null, filter: {}, order: SortOrder.START_TIME_DESC, onProviderError: ProviderErrorPolicy.FAIL, withDetail: false };

test('walks without `to` started within the same 5 s share one window and its vendor pages; the next span reads again and sees calls made meanwhile', async () => {
  const store = [makeSession(Provider.TELPHIN, 'tp', 'old', SPAN - 60_000), makeSession(Provider.TELPHIN, 'tp', 'just-now', SPAN + 2000)];
  const adapter = new MemoryAdapter({ provider: Provider.TELPHIN, account: 'tp', sessions: () => store, extensions: [], pageSize: 10, pagingStyle: 'page' });
  const scope = { tenant: 't1', adapters: [adapter] };
  const pages = new MemoryCacheStore(64 * 1024 ** 2);
  const at = (now: number) => makeService(now, { windowEndMs: 5000, store: pages, pageTtlMs: 60_000 });

  const first = await at(SPAN + 1000).listSessions(scope, QUERY, testCaller());
  const second = await at(SPAN + 4999).listSessions(scope, QUERY, testCaller());
  assert.equal(adapter.stats.listPages, 1, 'the second walk read the first one\'s vendor page');
  for (const page of [first, second]) assert.deepEqual(page.edges.map((e) => e.session.nativeId), ['old'], 'the window ends at the span\'s start: a call of 2 s ago waits for the next span');

  const next = await at(SPAN + 5000).listSessions(scope, QUERY, testCaller());
  assert.equal(adapter.stats.listPages, 2, 'a new span is a new window');
  assert.deepEqual(next.edges.map((e) => e.session.nativeId), ['just-now', 'old']);
});

test('the default window end is 5 s, configurable from 1 to 300 s', () => {
  const minimal = {
    signingSecret: 'x'.repeat(32),
    mode: 'sandbox',
    accounts: [{ key: 'tp', provider: 'TELPHIN', baseUrl: 'http://127.0.0.1:1', credentials: { clientId: 'a', clientSecret: 'b' } }],
    tenants: [{ name: 't', accounts: ['tp'], apiKeys: [hashApiKey('a-key-of-sixteen-or-more')] }],
  };
  assert.equal(parseConfig(minimal).paging.windowEndSeconds, 5);
  assert.equal(parseConfig({ ...minimal, paging: { windowEndSeconds: 1 } }).paging.windowEndSeconds, 1);
  assert.throws(() => parseConfig({ ...minimal, paging: { windowEndSeconds: 0 } }), /windowEndSeconds/);
  assert.throws(() => parseConfig({ ...minimal, paging: { windowEndSeconds: 301 } }), /windowEndSeconds/);
});
