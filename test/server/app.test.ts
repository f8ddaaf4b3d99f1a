import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { encodeGlobalId } from '../../src/history/global-id';
import { SeededRandom } from '../../src/sandbox/dataset/random';
import { SortOrder } from '../../src/domain/ordering';
import { CallSessionsBothWaysDocument, CallSessionsBothWaysQuery, CallSessionsPageDocument, CallSessionsWithDetailDocument, NodeByIdDocument, OneCallSessionDocument, ProvidersDocument } from '../generated/graphql';
import { groundTruth, sandboxAccounts, simulatorRequests, truthId, walkConnection } from '../support/vendor-walk';
import { DEMO_KEY, GraphQLResponse, RC_ONLY_KEY, TestServer, startTestServer } from '../support/test-server';
import { callgearSandbox } from '../../src/sandbox/callgear/sandbox-module';
import { ringcentralSandbox } from '../../src/sandbox/ringcentral/sandbox-module';
import { telphinSandbox } from '../../src/sandbox/telphin/sandbox-module';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => server.stop());

async function walkAll(order: 'START_TIME_DESC' | 'START_TIME_ASC', first: number, apiKey = DEMO_KEY): Promise<string[]> {
  return (await walkConnection(server, { first, orderBy: order }, { apiKey })).ids;
}

describe('the HTTP server', () => {
  test('a GraphQL answer carries no ETag: nobody revalidates a POST, and hashing every answer costs CPU', async () => {
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ callSessions(first: 1) { edges { node { id } } } }' }) });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('etag'), null);
  });

  test('/healthz answers 200', async () => {
    const res = await fetch(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  test('a browser opening /graphql gets GraphiQL from local assets, with an example query', async () => {
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    assert.match(html, /\/graphiql-assets\/graphiql\.js/);
    assert.doesNotMatch(html, /<script>/, 'no inline script: the content security policy allows none');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const start = await (await fetch(`${server.url}/graphiql-assets/start.js`)).text();
    assert.match(start, /callSessions\(first: 10/);
    assert.doesNotMatch(html, /https?:\/\/(?!.*localhost)[a-z.]*cdn|unpkg|jsdelivr/);
    for (const asset of ['react.js', 'react-dom.js', 'graphiql.js', 'graphiql.css']) {
      const res = await fetch(`${server.url}/graphiql-assets/${asset}`);
      assert.equal(res.status, 200, asset);
      assert.ok((await res.arrayBuffer()).byteLength > 1000, `${asset} has content`);
    }
  });

  test('GET /graphql runs a query when it says it is not a simple cross-site request (CSRF prevention)', async () => {
    const url = `${server.url}/graphql?query=${encodeURIComponent('{ providers { key } }')}`;
    const simple = await fetch(url);
    assert.equal(simple.status, 400, 'a plain GET (an <img>, a link) is refused before it runs');
    assert.equal(((await simple.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code, 'BAD_REQUEST');
    const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { data: { providers: Array<{ key: string }> } };
    assert.deepEqual(body.data.providers.map((p) => p.key).sort(), sandboxAccounts(server).map((a) => a.account).sort());
  });
});

describe('walking the merged connection', () => {
  test('a full DESC walk returns exactly every sandbox call of every account, in the total order', async () => {
    const expected = groundTruth(server, SortOrder.START_TIME_DESC).map(truthId);
    assert.equal(expected.length, sandboxAccounts(server).length * 300);
    assert.deepEqual(await walkAll('START_TIME_DESC', 37), expected);
  });

  test('a full ASC walk is the DESC walk reversed', async () => {
    const expected = groundTruth(server, SortOrder.START_TIME_ASC).map(truthId);
    assert.deepEqual(await walkAll('START_TIME_ASC', 100), expected);
  });

  test('pageInfo follows the Relay spec', async () => {
    const first = await server.gql(CallSessionsPageDocument, { first: 5 });
    const info = first.data!.callSessions.pageInfo;
    assert.equal(info.hasPreviousPage, false);
    assert.equal(info.hasNextPage, true);
    assert.equal(info.startCursor, first.data!.callSessions.edges[0]!.cursor);
    assert.equal(info.endCursor, first.data!.callSessions.edges[4]!.cursor);
    const second = await server.gql(CallSessionsPageDocument, { first: 5, after: info.endCursor });
    assert.equal(second.data!.callSessions.pageInfo.hasPreviousPage, true);
    const empty = await server.gql(CallSessionsPageDocument, { first: 5, filter: { from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z' } });
    assert.deepEqual(empty.data!.callSessions.pageInfo, { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  test('last/before walks back over the real vendors: the forward walk, page by page from the end, for each order and a filter', async () => {
    for (const [orderBy, filter] of [['START_TIME_DESC', {}], ['START_TIME_ASC', { providers: ['CALLGEAR', 'TELPHIN'], directions: ['INBOUND'] }]] as const) {
      // The forward walk (proven against the data set above) is the truth of the backward one.
      const expected: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 500; page++) {
        const res: GraphQLResponse<CallSessionsBothWaysQuery> = await server.gql(CallSessionsBothWaysDocument, { first: 100, after, orderBy, filter: filter as never });
        expected.push(...res.data!.callSessions.edges.map((e) => e.node.id));
        if (!res.data!.callSessions.pageInfo.hasNextPage) break;
        after = res.data!.callSessions.pageInfo.endCursor;
      }
      if (orderBy === 'START_TIME_DESC') assert.equal(expected.length, groundTruth(server, SortOrder.START_TIME_DESC).length);
      assert.ok(expected.length > 100);
      let ids: string[] = [];
      let before: string | null = null;
      for (let page = 0; page < 500; page++) {
        const res: GraphQLResponse<CallSessionsBothWaysQuery> = await server.gql(CallSessionsBothWaysDocument, { last: 41, before, orderBy, filter: filter as never });
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        const connection = res.data!.callSessions;
        ids = [...connection.edges.map((e) => e.node.id), ...ids];
        assert.equal(connection.pageInfo.hasNextPage, before !== null);
        if (!connection.pageInfo.hasPreviousPage) break;
        before = connection.pageInfo.startCursor;
      }
      assert.deepEqual(ids, expected, orderBy);
    }
  });

  test('first with last, before without last and after with last are refused with a clear error', async () => {
    const page = await server.gql(CallSessionsBothWaysDocument, { first: 3 });
    const cursor = page.data!.callSessions.pageInfo.endCursor!;
    for (const [variables, argumentName, message] of [
      [{ first: 3, last: 3 }, 'last', /first \(forward\) or last \(backward\), not both/],
      [{ first: 3, before: cursor }, 'before', /"before" pages backward: give it with last/],
      [{ last: 3, after: cursor }, 'after', /"after" pages forward/],
    ] as const) {
      const res = await server.gql(CallSessionsBothWaysDocument, variables as never);
      assert.equal(res.errors![0]!.extensions!['code'], 'BAD_USER_INPUT');
      assert.equal(res.errors![0]!.extensions!['argumentName'], argumentName);
      assert.match(res.errors![0]!.message, message);
    }
    // A forward cursor goes back: the three rows before the fourth.
    const back = await server.gql(CallSessionsBothWaysDocument, { last: 2, before: page.data!.callSessions.edges[2]!.cursor });
    assert.deepEqual(back.data!.callSessions.edges.map((e) => e.node.id), page.data!.callSessions.edges.slice(0, 2).map((e) => e.node.id));
    assert.equal(back.data!.callSessions.pageInfo.hasPreviousPage, false);
  });

  test('an edge cursor continues right after its row', async () => {
    const page = await server.gql(CallSessionsPageDocument, { first: 10 });
    const edges = page.data!.callSessions.edges;
    const resumed = await server.gql(CallSessionsPageDocument, { first: 3, after: edges[4]!.cursor });
    assert.deepEqual(
      resumed.data!.callSessions.edges.map((e) => e.node.id),
      edges.slice(5, 8).map((e) => e.node.id),
    );
  });
});

describe('filters', () => {
  const collect = async (filter: Record<string, unknown>) => {
    const res = await server.gql(CallSessionsWithDetailDocument, { first: 100, filter });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!.callSessions.edges.map((e) => e.node);
  };

  test('results, providers and hasRecording are applied', async () => {
    const missed = await collect({ results: ['MISSED'], providers: ['TELPHIN'] });
    assert.ok(missed.length > 0);
    assert.ok(missed.every((n) => n.result === 'MISSED' && n.provider === 'TELPHIN'));
    const recorded = await collect({ hasRecording: true });
    assert.ok(recorded.length > 0);
    assert.ok(recorded.every((n) => n.hasRecording === true && n.recordings!.length > 0));
  });

  test('phoneNumber matches either party after normalization', async () => {
    const accounts = sandboxAccounts(server);
    const calls = accounts.flatMap((a) => server.sandbox.dataSet.callsOf(a.vendor).map((call) => ({ call, ...a })));
    const sample = calls.find(({ call, provider }) => provider === 'RINGCENTRAL' && call.direction === 'inbound' && call.caller.number.startsWith('+'))!;
    const number = sample.call.caller.number;
    const digits = number.slice(1); // E.164 without the plus, as RingCentral sometimes sends it
    const rows = await collect({ phoneNumber: digits });
    const expected = calls
      .filter(({ call }) => call.caller.number === number || call.callee.number === number)
      .map(({ call, vendor, provider, account }) => encodeGlobalId({ type: 'CallSession', provider, account, nativeId: server.sandbox.dataSet.callKeyOf(vendor, call.id) }));
    assert.ok(expected.length > 0);
    assert.deepEqual(rows.map((r) => r.id).sort(), expected.sort());
  });

  test('a national phoneNumber in any common format is read with each account\'s default country, or with phoneCountry', async () => {
    const accounts = sandboxAccounts(server);
    const calls = accounts.flatMap((a) => server.sandbox.dataSet.callsOf(a.vendor).map((call) => ({ call, ...a })));
    const sample = calls.find(({ call, provider }) => provider === 'RINGCENTRAL' && call.direction === 'inbound' && call.caller.number.startsWith('+1'))!;
    const number = sample.call.caller.number;
    const national = number.slice(2);
    const idsOf = (rows: Array<{ id: string }>) => rows.map((r) => r.id).sort();
    const truthOf = (providers: readonly string[]) =>
      calls
        .filter(({ call, provider }) => providers.includes(provider) && (call.caller.number === number || call.callee.number === number))
        .map(({ call, vendor, provider, account }) => encodeGlobalId({ type: 'CallSession', provider, account, nativeId: server.sandbox.dataSet.callKeyOf(vendor, call.id) }))
        .sort();
    // RingCentral's demo account is in the US: it reads "(212) 555-0788" as +12125550788. CallGear's has no country and is not asked.
    const expected = truthOf(['RINGCENTRAL']);
    assert.ok(expected.length > 0);
    for (const form of [`(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`, `${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`, national, `1${national}`]) {
      assert.deepEqual(idsOf(await collect({ phoneNumber: form, providers: ['RINGCENTRAL', 'CALLGEAR'] })), expected, form);
    }
    // With phoneCountry the number is E.164 before any account is asked: every account matches it.
    assert.deepEqual(idsOf(await collect({ phoneNumber: national, phoneCountry: 'US' })), truthOf(['RINGCENTRAL', 'CALLGEAR', 'TELPHIN']));
    const unreadable = await server.gql(CallSessionsPageDocument, { first: 5, filter: { phoneNumber: national, providers: ['CALLGEAR'] } });
    assert.equal(unreadable.errors![0]!.extensions!['code'], 'BAD_USER_INPUT');
    assert.match(unreadable.errors![0]!.message, /none of these accounts can read: give phoneCountry/);
    const badCountry = await server.gql(CallSessionsPageDocument, { first: 5, filter: { phoneNumber: national, phoneCountry: 'usa' } });
    assert.equal(badCountry.errors![0]!.extensions!['argumentName'], 'filter.phoneCountry');
  });

  test('an account that is not yours is BAD_USER_INPUT, the same answer whether it exists or not', async () => {
    for (const [accounts, key] of [[['nope'], DEMO_KEY], [['callgear-demo'], RC_ONLY_KEY], [['ringcentral-demo', 'nope'], DEMO_KEY]] as const) {
      const res = await server.gql(CallSessionsPageDocument, { first: 5, filter: { accounts: [...accounts] } }, key);
      assert.equal(res.errors![0]!.extensions!['code'], 'BAD_USER_INPUT');
      assert.equal(res.errors![0]!.extensions!['argumentName'], 'filter.accounts');
      assert.match(res.errors![0]!.message, /^filter\.accounts: you have no account "(nope|callgear-demo)"\.$/);
    }
    assert.equal((await collect({ accounts: ['telphin-demo'] })).every((n) => n.provider === 'TELPHIN'), true);
  });

  test('extensionIds keeps calls owned by, from or to the extension', async () => {
    const page = await collect({ providers: ['CALLGEAR'] });
    const extensionId = page.find((n) => n.extension)!.extension!.id;
    const rows = await collect({ extensionIds: [extensionId] });
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => [r.extensionId, r.from.extensionId, r.to.extensionId].includes(extensionId)));
    assert.ok(rows.every((r) => r.provider === 'CALLGEAR'));
  });
});

describe('tenants and access', () => {
  test('a tenant sees only its accounts', async () => {
    const providers = await server.gql(ProvidersDocument, {}, RC_ONLY_KEY);
    assert.deepEqual(providers.data!.providers, [{ provider: 'RINGCENTRAL', key: 'ringcentral-demo', reachable: true, state: 'OK', rateLimitedUntil: null, lastError: null }]);
    const ids = await walkAll('START_TIME_DESC', 100, RC_ONLY_KEY);
    assert.equal(ids.length, 300);
    assert.ok(ids.every((id) => id.startsWith('RINGCENTRAL/')));
  });

  test("another tenant's ids and cursors behave like nonexistent ones", async () => {
    const page = await server.gql(CallSessionsPageDocument, { first: 50, filter: { providers: ['CALLGEAR'] } });
    const foreign = page.data!.callSessions.edges[0]!.node.id;
    const one = await server.gql(OneCallSessionDocument, { id: foreign }, RC_ONLY_KEY);
    assert.equal(one.data!.callSession, null);
    assert.equal(one.errors![0]!.extensions!['code'], 'NOT_FOUND');
    const node = await server.gql(NodeByIdDocument, { id: foreign }, RC_ONLY_KEY);
    assert.equal(node.data!.node, null);
    const cursor = page.data!.callSessions.pageInfo.endCursor;
    const reused = await server.gql(CallSessionsPageDocument, { first: 5, after: cursor, filter: { providers: ['CALLGEAR'] } }, RC_ONLY_KEY);
    assert.equal(reused.errors![0]!.extensions!['code'], 'BAD_USER_INPUT');
    assert.equal(reused.data, null);
  });

  test('an unknown API key gets 401 UNAUTHENTICATED; no key acts as the sandbox demo tenant', async () => {
    const denied = await server.gql(ProvidersDocument, {}, 'not-a-key');
    assert.equal(denied.status, 401);
    assert.equal(denied.errors![0]!.extensions!['code'], 'UNAUTHENTICATED');
    const anonymous = await server.gql(ProvidersDocument, {}, null);
    assert.equal(anonymous.data!.providers.length, sandboxAccounts(server).length);
  });

  test('callSession and node fetch a session by id, with legs', async () => {
    const page = await server.gql(CallSessionsPageDocument, { first: 1 });
    const id = page.data!.callSessions.edges[0]!.node.id;
    const one = await server.gql(OneCallSessionDocument, { id });
    assert.equal(one.data!.callSession!.id, id);
    assert.ok(one.data!.callSession!.legs!.length > 0);
    const node = await server.gql(NodeByIdDocument, { id });
    assert.equal(node.data!.node!.__typename, 'CallSession');
    const malformed = await server.gql(NodeByIdDocument, { id: 'bm90IGFuIGlk' });
    assert.equal(malformed.errors![0]!.extensions!['code'], 'BAD_USER_INPUT');
  });
});

describe('bad input', () => {
  const codeOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.['code'];

  test('20 made-up ids per vendor, in the vendor\'s own style: NOT_FOUND (null through node), and every account stays OK', async () => {
    for (const [i, { module }] of server.sandbox.simulators.entries()) {
      const { provider, account } = sandboxAccounts(server)[i]!;
      for (let n = 0; n < 20; n++) {
        // A vendor that names calls apart from their records (RingCentral's telephonySessionId) is asked both ways.
        const callId = module.profile.callId(new SeededRandom(n), 900_000 + n);
        const nativeId = n % 2 === 0 ? (module.profile.callKey?.(callId) ?? callId) : callId;
        const id = encodeGlobalId({ type: 'CallSession', provider, account, nativeId });
        const one = await server.gql(OneCallSessionDocument, { id });
        assert.equal(codeOf(one), 'NOT_FOUND', `${provider} ${nativeId}: ${JSON.stringify(one.errors)}`);
        const node = await server.gql(NodeByIdDocument, { id });
        assert.equal(node.errors, undefined);
        assert.equal(node.data!.node, null);
      }
    }
    const providers = await server.gql(ProvidersDocument, {});
    assert.deepEqual(providers.data!.providers.map((p) => [p.provider, p.state]), sandboxAccounts(server).map((a) => [a.provider, 'OK']));
  });

  test('tampered, truncated and foreign-filter cursors are BAD_USER_INPUT, never a 500', async () => {
    const page = await server.gql(CallSessionsPageDocument, { first: 2 });
    const cursor = page.data!.callSessions.pageInfo.endCursor!;
    const flipped = cursor.slice(0, 10) + (cursor[10] === 'A' ? 'B' : 'A') + cursor.slice(11);
    for (const after of [flipped, cursor.slice(0, cursor.length - 5), 'garbage', '', `${cursor}.x`]) {
      const res = await server.gql(CallSessionsPageDocument, { first: 2, after });
      assert.equal(res.status, 200);
      assert.equal(codeOf(res), 'BAD_USER_INPUT', after);
      assert.equal(res.errors![0]!.extensions!['argumentName'], 'after');
    }
    const otherFilter = await server.gql(CallSessionsPageDocument, { first: 2, after: cursor, filter: { results: ['MISSED'] } });
    assert.equal(codeOf(otherFilter), 'BAD_USER_INPUT');
    const otherOrder = await server.gql(CallSessionsPageDocument, { first: 2, after: cursor, orderBy: 'START_TIME_ASC' });
    assert.equal(codeOf(otherOrder), 'BAD_USER_INPUT');
  });

  test('invalid arguments are BAD_USER_INPUT naming the argument', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ first: 5, filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, 'filter.from'],
      [{ first: 5, filter: { from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, 'filter.from'],
      [{ first: 5, filter: { extensionIds: ['nope'] } }, 'filter.extensionIds'],
      [{ first: 5, filter: { phoneNumber: 'call me' } }, 'filter.phoneNumber'],
      [{ first: 5, filter: { minDuration: -1 } }, 'filter.minDuration'],
    ];
    for (const [variables, argumentName] of cases) {
      const res = await server.gql(CallSessionsPageDocument, variables);
      assert.equal(codeOf(res), 'BAD_USER_INPUT', JSON.stringify(variables));
      assert.equal(res.errors![0]!.extensions!['argumentName'], argumentName, JSON.stringify(res.errors));
      assert.match(res.errors![0]!.message, new RegExp(argumentName.replace('.', '\\.')));
    }
    const notADate = await server.gql(CallSessionsPageDocument, { first: 5, filter: { from: 'yesterday' } });
    assert.equal(codeOf(notADate), 'BAD_USER_INPUT');
  });

  test('a window is bounded when `to` is absent too: an ancient or too early `from` is refused before any vendor request', async () => {
    const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const vendorRequests = () => server.runtime.upstreamRequests.total({}) + simulatorRequests(server);
    for (const filter of [{ from: '1971-01-01T00:00:00Z' }, { from: days(367) }, { from: '1999-12-31T00:00:00Z', to: '2000-06-01T00:00:00Z' }, { from: days(-1) }]) {
      const before = vendorRequests();
      const res = await server.gql(CallSessionsPageDocument, { first: 1, filter });
      assert.equal(codeOf(res), 'BAD_USER_INPUT', JSON.stringify(filter));
      assert.equal(res.errors![0]!.extensions!['argumentName'], 'filter.from');
      assert.equal(vendorRequests() - before, 0, `${JSON.stringify(filter)}: no vendor request`);
    }
    // 365 days back without `to` is a window like any other.
    const year = await server.gql(CallSessionsPageDocument, { first: 1, filter: { from: days(365) } });
    assert.equal(year.errors, undefined);
  });

  test('an unexpected failure is masked: no stack, no message, no secret', async () => {
    const adapter = server.runtime.adapters.find((a) => a.provider === 'TELPHIN')!;
    const original = adapter.getExtensions.bind(adapter);
    adapter.getExtensions = async () => {
      throw new Error('GET https://api.example/ext?access_token=SECRET-TOKEN failed');
    };
    try {
      const res = await server.gql(CallSessionsWithDetailDocument, { first: 5, filter: { providers: ['TELPHIN'] } });
      const text = JSON.stringify(res);
      assert.doesNotMatch(text, /SECRET-TOKEN|access_token|stack|at .*\.js/);
      assert.ok(res.errors!.some((e) => e.extensions!['code'] === 'INTERNAL_SERVER_ERROR' && e.message === 'Internal server error'));
    } finally {
      adapter.getExtensions = original;
    }
  });
});

describe('vendor failures', () => {
  // A server that keeps no vendor page, so every GraphQL page here asks the vendors (the cache has tests of its own).
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ callsPerVendor: 300, configure: (c) => ({ ...c, upstream: { ...c.upstream, listPageTtlSeconds: 0 } }) });
  });
  after(async () => server.stop());
  // CallGear answers its own 5xx to every request while `down` runs (the simulator's fault injection).
  const faults = (body: object) => fetch(`${server.sandbox.running(callgearSandbox).baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const down = async <T>(run: () => Promise<T>): Promise<T> => {
    await faults({ errorRate: 1 });
    try {
      return await run();
    } finally {
      await faults({});
    }
  };

  test('PARTIAL returns the healthy vendors, lists the failed account and adds UPSTREAM_UNAVAILABLE', async () => {
    await down(async () => {
      const res = await server.gql(CallSessionsPageDocument, { first: 20 });
      assert.deepEqual(res.data!.callSessions.missingProviders, [{ provider: 'CALLGEAR', account: 'callgear-demo' }]);
      assert.ok(res.data!.callSessions.edges.length === 20);
      assert.ok(res.data!.callSessions.edges.every((e) => e.node.provider !== 'CALLGEAR'));
      const error = res.errors!.find((e) => e.extensions!['code'] === 'UPSTREAM_UNAVAILABLE')!;
      assert.equal(error.extensions!['provider'], 'CALLGEAR');
      assert.equal(error.extensions!['account'], 'callgear-demo');
    });
  });

  test('FAIL returns no page, and the same cursor works once the vendor is back', async () => {
    const first = await server.gql(CallSessionsPageDocument, { first: 10, onProviderError: 'FAIL' });
    const cursor = first.data!.callSessions.pageInfo.endCursor;
    const healthy = await server.gql(CallSessionsPageDocument, { first: 10, after: cursor, onProviderError: 'FAIL' });
    await down(async () => {
      const failed = await server.gql(CallSessionsPageDocument, { first: 10, after: cursor, onProviderError: 'FAIL' });
      assert.equal(failed.data, null);
      assert.equal(failed.errors![0]!.extensions!['code'], 'UPSTREAM_UNAVAILABLE');
      assert.equal(failed.errors![0]!.extensions!['account'], 'callgear-demo');
    });
    const retried = await server.gql(CallSessionsPageDocument, { first: 10, after: cursor, onProviderError: 'FAIL' });
    assert.deepEqual(retried.data, healthy.data);
  });

  test('providers reports an unreachable account', async () => {
    await down(async () => {
      const res = await server.gql(ProvidersDocument, {});
      assert.equal(res.data!.providers.find((p) => p.provider === 'CALLGEAR')!.reachable, false);
    });
  });
});

describe('upstream cost', () => {
  test('a 100-row page with legs and extension names: rows carry their legs where the vendor can, one directory load per account at most', async () => {
    const fresh = await startTestServer({ callsPerVendor: 300 });
    try {
      const res = await fresh.gql(CallSessionsWithDetailDocument, { first: 100 });
      assert.equal(res.errors, undefined);
      assert.ok(res.data!.callSessions.edges.some((e) => e.node.legs!.some((l) => l.extension?.name)));
      const rc = fresh.sandbox.running(ringcentralSandbox).control.snapshot().routes;
      const cg = fresh.sandbox.running(callgearSandbox).control.snapshot().routes;
      const tp = fresh.sandbox.running(telphinSandbox).control.snapshot().routes;
      const total = (byStatus: Record<string, number> | undefined) => Object.values(byStatus ?? {}).reduce((a, b) => a + b, 0);
      assert.ok(total(rc['GET /restapi/v1.0/account/~/extension']) <= 1, 'RingCentral directory');
      assert.ok(total(cg['get.employees']) <= 1, 'CallGear employees');
      // Telphin's directory list echoes no page size, so one load reads to an empty page: two requests.
      assert.ok(total(tp['GET /api/ver1.0/client/@me/extension/']) <= 2, 'Telphin directory');
      assert.equal(Object.keys(rc).filter((route) => /call-log\/[^/]+$/.test(route)).length, 0, 'RingCentral: the Detailed view carries the legs');
      assert.equal(total(cg['get.call_legs_report']), 1, 'CallGear: one legs report for the page');
      assert.equal(Object.keys(tp).filter((route) => /call_history\/[0-9A-F]{32}$/.test(route)).length, 0, 'Telphin: call_history carries the cdr');
    } finally {
      await fresh.stop();
    }
  });
});

test('every listed session id decodes to its own provider, account and native id', async () => {
  const res = await server.gql(CallSessionsPageDocument, { first: 30 });
  const { decodeGlobalId } = await import('../../src/history/global-id');
  for (const edge of res.data!.callSessions.edges) {
    const decoded = decodeGlobalId(edge.node.id, 'id');
    assert.equal(`${decoded.provider}/${decoded.account}/${decoded.nativeId}`, `${edge.node.provider}/${edge.node.account}/${edge.node.nativeId}`);
  }
});
