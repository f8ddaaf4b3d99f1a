import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Extension } from '../../src/domain/call-session';
import { CallSessionsPageDocument, ExtensionsDocument, ExtensionsQuery, ExtensionsQueryVariables } from '../generated/graphql';
import { testCaller } from '../support/upstream';
import { GraphQLResponse, RC_ONLY_KEY, TestServer, startTestServer } from '../support/test-server';

let server: TestServer;
let directory: Extension[];
before(async () => {
  server = await startTestServer({ callsPerVendor: 100 });
  // What each account's adapter lists, read directly: the connection must page exactly over their union.
  directory = (await Promise.all(server.runtime.adapters.map((a) => a.listExtensions(testCaller())))).flat();
});
after(() => server.stop());

type Node = ExtensionsQuery['extensions']['edges'][number]['node'];

async function walk(first: number, filter?: ExtensionsQueryVariables['filter'], key?: string): Promise<{ nodes: Node[]; pages: number }> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let pages = 1; pages < 200; pages++) {
    const res: GraphQLResponse<ExtensionsQuery> = await server.gql(ExtensionsDocument, { first, after, filter }, key);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const connection = res.data!.extensions;
    assert.equal(connection.pageInfo.hasPreviousPage, after !== null);
    nodes.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage) return { nodes, pages };
    after = connection.pageInfo.endCursor!;
  }
  throw new Error('the walk did not end');
}

const keyOf = (e: { provider: string; account: string; nativeId: string }) => `${e.provider}/${e.account}/${e.nativeId}`;

test('the walk pages exactly over every account\'s directory, by name, and costs no vendor request while the directories are kept', async () => {
  assert.ok(directory.length > 30, `${directory.length} extensions in the sandbox`);
  assert.deepEqual(new Set(directory.map((e) => e.provider)), new Set(['RINGCENTRAL', 'CALLGEAR', 'TELPHIN']));
  const before = server.runtime.upstreamRequests.total({});
  const { nodes, pages } = await walk(7);
  assert.equal(server.runtime.upstreamRequests.total({}), before, 'the directories were kept from the direct read');
  assert.ok(pages > 3);
  assert.deepEqual(nodes.map(keyOf).sort(), directory.map(keyOf).sort(), 'every extension once');
  const names = nodes.map((n) => (n.name ?? '').toLocaleLowerCase('en'));
  assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'by name');
  const all = await walk(100);
  assert.deepEqual(all.nodes.map(keyOf), nodes.map(keyOf), 'the same order whatever the page size');
});

test('last/before walks the directory back: the forward walk, from the end', async () => {
  const forward = (await walk(9, { providers: ['TELPHIN', 'RINGCENTRAL'] })).nodes.map(keyOf);
  let back: string[] = [];
  let before: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res: GraphQLResponse<ExtensionsQuery> = await server.gql(ExtensionsDocument, { last: 9, before, filter: { providers: ['TELPHIN', 'RINGCENTRAL'] } });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const connection = res.data!.extensions;
    back = [...connection.edges.map((e) => keyOf(e.node)), ...back];
    assert.equal(connection.pageInfo.hasNextPage, before !== null);
    if (!connection.pageInfo.hasPreviousPage) break;
    before = connection.pageInfo.startCursor;
  }
  assert.deepEqual(back, forward);
  const both = await server.gql(ExtensionsDocument, { first: 3, last: 3 });
  assert.equal(both.errors?.[0]?.extensions?.['argumentName'], 'last');
});

test('search covers name, extension number and email without case; types and vendors filter', async () => {
  const named = directory.find((e) => (e.name ?? '').length > 4)!;
  const fragment = ` ${named.name!.split(' ')[0]!.slice(1, 4).toUpperCase()} `;
  // Spaces around the search are not part of it.
  const matching = (e: Extension) => [e.name, e.extensionNumber, e.email].some((t) => t?.toLowerCase().includes(fragment.trim().toLowerCase()));
  assert.deepEqual((await walk(10, { search: fragment })).nodes.map(keyOf).sort(), directory.filter(matching).map(keyOf).sort());
  const number = directory.find((e) => e.extensionNumber)!.extensionNumber!;
  assert.ok((await walk(10, { search: number })).nodes.some((n) => n.extensionNumber === number));
  const type = directory.find((e) => e.type)!.type!;
  const ofType = await walk(10, { types: [type.toUpperCase()] });
  assert.deepEqual(ofType.nodes.map(keyOf).sort(), directory.filter((e) => e.type?.toLowerCase() === type.toLowerCase()).map(keyOf).sort());
  const callgear = await walk(50, { providers: ['CALLGEAR'] });
  assert.ok(callgear.nodes.length > 0 && callgear.nodes.every((n) => n.provider === 'CALLGEAR'));
});

test("a tenant sees its own accounts' extensions only; a foreign account or cursor is BAD_USER_INPUT", async () => {
  const own = await walk(100, undefined, RC_ONLY_KEY);
  assert.ok(own.nodes.length > 0 && own.nodes.every((n) => n.provider === 'RINGCENTRAL'));
  const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.['code'];
  assert.equal(code(await server.gql(ExtensionsDocument, { first: 5, filter: { accounts: ['callgear-demo'] } }, RC_ONLY_KEY)), 'BAD_USER_INPUT');
  const page = await server.gql(ExtensionsDocument, { first: 5 });
  const cursor = page.data!.extensions.pageInfo.endCursor!;
  assert.equal(code(await server.gql(ExtensionsDocument, { first: 5, after: cursor, filter: { search: 'a' } })), 'BAD_USER_INPUT', 'another filter');
  assert.equal(code(await server.gql(ExtensionsDocument, { first: 5, after: cursor }, RC_ONLY_KEY)), 'BAD_USER_INPUT', 'another tenant');
  assert.equal(code(await server.gql(ExtensionsDocument, { first: 5, after: `${cursor.slice(0, -3)}abc` })), 'BAD_USER_INPUT', 'tampered');
  assert.equal(code(await server.gql(ExtensionsDocument, { first: 101 })), 'BAD_USER_INPUT');
});

test("a picked extension's id filters the calls", async () => {
  const users = await walk(100, { providers: ['TELPHIN'] });
  let matched = 0;
  for (const node of users.nodes.slice(0, 5)) {
    const res = await server.gql(CallSessionsPageDocument, { first: 5, filter: { extensionIds: [node.id] } });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    matched += res.data!.callSessions.edges.length;
  }
  assert.ok(matched > 0, 'the ids the picker gives are the ids the filter takes');
});
