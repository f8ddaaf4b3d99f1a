import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_KEY, RC_ONLY_KEY, TestServer, startTestServer } from '../support/test-server';
import { simulatorRequests } from '../support/vendor-walk';

/** Hostile and careless requests: each gets a typed JSON answer before any vendor is asked. */
let server: TestServer;
before(async () => {
  server = await startTestServer({ callsPerVendor: 100 });
});
after(async () => server.stop());

/** Vendor requests, counted by Callbridge and by the simulators themselves. */
const vendorRequests = () => server.runtime.upstreamRequests.total({}) + simulatorRequests(server);

async function post(body: string, contentType = 'application/json'): Promise<{ status: number; type: string | null; json: any; text: string }> {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${DEMO_KEY}` }, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // asserted below
  }
  return { status: res.status, type: res.headers.get('content-type'), json, text };
}

const query = (q: string, variables?: object) => JSON.stringify({ query: q, ...(variables ? { variables } : {}) });

/** A typed JSON error answer: no HTML, no stack, no server path. */
function assertTyped(answer: { status: number; type: string | null; json: any; text: string }, status: number, code: string): void {
  assert.equal(answer.status, status, answer.text);
  assert.match(answer.type ?? '', /^application\/json/);
  assert.equal(answer.json?.errors?.[0]?.extensions?.code, code, answer.text);
  assert.doesNotMatch(answer.text, /<html|\bat .*\.js|\/work\/|node_modules/i);
}

test('500 aliases over distinct windows are refused before any vendor request, stating the cost and the limit', async () => {
  const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: callSessions(first: 100, filter: { from: "${new Date(Date.now() - (i + 2) * 3_600_000).toISOString()}" }) { edges { node { id legs { extension { name } } recordings { url } } } }`);
  const before = vendorRequests();
  const answer = await post(query(`{ ${aliases.join(' ')} }`));
  assert.equal(vendorRequests() - before, 0, 'no vendor request');
  assert.equal(answer.status, 400, answer.text.slice(0, 300));
  assert.ok(['QUERY_TOO_EXPENSIVE', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED'].includes(answer.json.errors[0].extensions.code), answer.text.slice(0, 300));
  // Within the token and alias limits, the vendor cost decides, and says so.
  const five = Array.from({ length: 5 }, (_, i) => `a${i}: callSessions(first: 50) { edges { node { id legs { extension { name } } recordings { url } } } }`);
  const costly = await post(query(`{ ${five.join(' ')} }`));
  assertTyped(costly, 400, 'QUERY_TOO_EXPENSIVE');
  const cost = costly.json.errors[0].extensions.cost;
  assert.ok(cost.estimatedVendorRequests > cost.maxVendorRequests, JSON.stringify(cost));
  assert.equal(cost.maxVendorRequests, 150);
  assert.match(costly.json.errors[0].message, new RegExp(`up to ${cost.estimatedVendorRequests} vendor requests; the limit is 150`));
  assert.equal(vendorRequests() - before, 0, 'still no vendor request');
});

test('every answered operation reports its estimated vendor requests in extensions.cost', async () => {
  const plain = await post(query('{ callSessions(first: 10) { edges { node { id } } } }'));
  assert.equal(plain.status, 200);
  // Three accounts, each at most 10 list pages (the scan bound).
  assert.deepEqual(plain.json.extensions.cost, { estimatedVendorRequests: 30, maxVendorRequests: 150 });
  const detailed = await post(query('{ callSessions(first: 10, filter: { providers: [TELPHIN] }) { edges { node { id legs { extension { name } } } } } }'));
  // One account: 10 list pages, one detail read and one directory read.
  assert.deepEqual(detailed.json.extensions.cost, { estimatedVendorRequests: 12, maxVendorRequests: 150 });
});

test("a recording's length and format cost one metadata read per row on the accounts that keep them apart (RingCentral)", async () => {
  const cost = async (text: string) => (await post(query(text))).json.extensions.cost.estimatedVendorRequests;
  // Three accounts: 10 list pages and one detail read each; the RingCentral account adds 10 metadata reads.
  assert.equal(await cost('{ callSessions(first: 10) { edges { node { recordings { duration } } } } }'), 33 + 10);
  assert.equal(await cost('{ callSessions(first: 10) { edges { node { recordings { url } } } } }'), 33, 'links alone need no metadata');
  // Both fields, on the session's recordings and its legs': one read per recording all the same.
  assert.equal(await cost('{ callSessions(first: 10) { edges { node { legs { recording { duration } } recordings { duration contentType } } } } }'), 3 * (10 + 2) + 10);
  assert.equal(await cost('{ callSessions(first: 10, filter: { providers: [TELPHIN] }) { edges { node { recordings { duration contentType } } } } }'), 11, 'Telphin lists them');
  // node(id): the session, its legs, and one metadata read for the recording.
  const anyId = (await post(query('{ callSessions(first: 1) { edges { node { id } } } }'))).json.data.callSessions.edges[0].node.id;
  assert.equal(await cost(`{ node(id: "${anyId}") { ... on Recording { contentType } } }`), 3);
});

test('one document measured again with other variables, or for another tenant, gets its own estimate', async () => {
  const text = 'query Costed($providers: [Provider!], $first: Int!) { callSessions(first: $first, filter: { providers: $providers }) { edges { node { id legs { index } } } } }';
  const asDemo = async (variables: object) => (await post(query(text, variables))).json.extensions.cost.estimatedVendorRequests;
  assert.equal(await asDemo({ first: 10 }), 33, 'three accounts: 10 list pages and one detail read each');
  assert.equal(await asDemo({ first: 10, providers: ['TELPHIN'] }), 11);
  assert.equal(await asDemo({ first: 10 }), 33, 'the first measure, again');
  assert.equal(await asDemo({ first: 100, providers: ['TELPHIN'] }), 12, 'a hundred rows are two detail batches of 50');
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${RC_ONLY_KEY}` }, body: query(text, { first: 10 }) });
  assert.equal(((await res.json()) as any).extensions.cost.estimatedVendorRequests, 11, 'a tenant of one account');
});

test('depth, aliases and tokens past their limits are refused as validation or parse errors', async () => {
  // The deepest real selection (six levels) passes; thirteen levels are refused (maxDepth 12).
  const deepest = await post(query('{ callSessions(first: 1) { edges { node { legs { extension { name } } } } } }'));
  assert.equal(deepest.status, 200, deepest.text);
  let nested = 'x';
  for (let i = 0; i < 13; i++) nested = `f${i} { ${nested} }`;
  const tooDeep = await post(query(`{ ${nested} }`));
  assertTyped(tooDeep, 400, 'GRAPHQL_VALIDATION_FAILED');
  assert.ok(tooDeep.json.errors.some((e: { message: string }) => /depth limit of 12/.test(e.message)), tooDeep.text.slice(0, 500));
  // 21 aliases of a cheap field (no vendor request unless `reachable` is asked): past maxAliases (20).
  const manyAliases = await post(query(`{ ${Array.from({ length: 21 }, (_, i) => `p${i}: providers { provider }`).join(' ')} }`));
  assertTyped(manyAliases, 400, 'GRAPHQL_VALIDATION_FAILED');
  // 3,001 tokens: past maxTokens (3000), refused while parsing.
  const manyTokens = await post(query(`{ ${'__typename '.repeat(3001)} }`));
  assertTyped(manyTokens, 400, 'GRAPHQL_PARSE_FAILED');
});

test('a mistyped field is refused without suggesting the schema', async () => {
  const typo = await post(query('{ callSessoins(first: 1) { edges { node { id } } } }'));
  assertTyped(typo, 400, 'GRAPHQL_VALIDATION_FAILED');
  assert.doesNotMatch(typo.text, /Did you mean/);
});

test('malformed bodies, oversized bodies, other charsets, unknown routes and bad percent-encoding are typed JSON answers', async () => {
  assertTyped(await post('{"query": '), 400, 'BAD_REQUEST');
  assertTyped(await post(JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(300_000) })), 413, 'PAYLOAD_TOO_LARGE');
  assertTyped(await post(query('{ __typename }'), 'application/json; charset=utf-16'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  for (const [path, status, code] of [['/nope', 404, 'NOT_FOUND'], ['/recordings/%E0%A4%A', 400, 'BAD_REQUEST'], ['/graphql?query=%E0%A4%A', 400, 'GRAPHQL_PARSE_FAILED']] as const) {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${DEMO_KEY}`, accept: 'application/json', 'apollo-require-preflight': 'true' } });
    const text = await res.text();
    assertTyped({ status: res.status, type: res.headers.get('content-type'), json: JSON.parse(text), text }, status, code);
  }
});

test('unknown mutations, subscriptions, a null for a non-null argument and a persisted-query mismatch are typed client errors', async () => {
  assertTyped(await post(query('mutation { x }')), 400, 'GRAPHQL_VALIDATION_FAILED');
  assertTyped(await post(query('subscription { x }')), 400, 'GRAPHQL_VALIDATION_FAILED');
  // `first` may be null (not given: 25 rows, or `last` pages back); `orderBy` has a default but may not be null.
  const nullOrder = await post(query('query($o: CallSessionOrder) { callSessions(orderBy: $o) { edges { node { id } } } }', { o: null }));
  assertTyped(nullOrder, 400, 'BAD_USER_INPUT');
  assert.equal(nullOrder.json.errors[0].extensions.argumentName, 'orderBy');
  assertTyped(await post(JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } })), 400, 'BAD_REQUEST');
});

test('a key sent as X-API-Key is the bearer key it is', async () => {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'sandbox-ringcentral-key' }, body: query('{ providers { provider } }') });
  const body = (await res.json()) as { data: { providers: Array<{ provider: string }> } };
  assert.deepEqual(body.data.providers.map((p) => p.provider), ['RINGCENTRAL'], 'the key of the tenant that reads RingCentral only');
  const wrong = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'not-a-key' }, body: query('{ providers { provider } }') });
  assert.equal(wrong.status, 401);
});

test("an operation's rows are capped (its answer's size with them), and list inputs are capped in length", async () => {
  // The RingCentral-only tenant: four pages of 100 cost 40 vendor requests at most, but answer 400 rows.
  const fourPages = Array.from({ length: 4 }, (_, i) => `p${i}: callSessions(first: 100) { edges { node { id } } }`).join(' ');
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox-ringcentral-key' }, body: query(`{ ${fourPages} }`) });
  const text = await res.text();
  assertTyped({ status: res.status, type: res.headers.get('content-type'), json: JSON.parse(text), text }, 400, 'QUERY_TOO_EXPENSIVE');
  assert.deepEqual(JSON.parse(text).errors[0].extensions.cost, { estimatedVendorRequests: 40, maxVendorRequests: 150, rows: 400, maxRows: 300 });
  const longList = await post(query(`{ callSessions(first: 1, filter: { results: [${Array(21).fill('MISSED').join(', ')}] }) { edges { node { id } } } }`));
  assert.equal(longList.json.errors[0].extensions.code, 'BAD_USER_INPUT');
  assert.equal(longList.json.errors[0].extensions.argumentName, 'filter.results');
});

test('an operation with many vendor requests in flight raises no process warning (nothing reaches stderr but the JSON log)', async () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  try {
    const day = 86_400_000;
    const fields = Array.from({ length: 5 }, (_, i) => `f${i}: callSessions(first: 30, orderBy: START_TIME_ASC, filter: { from: "${new Date(Date.now() - 300 * day + i * 1000).toISOString()}" }) { edges { node { id } } }`);
    const answer = await post(query(`{ ${fields.join(' ')} }`));
    assert.equal(answer.status, 200, answer.text.slice(0, 300));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(warnings, []);
  } finally {
    process.off('warning', onWarning);
  }
});
