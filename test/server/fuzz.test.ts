import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { encodeGlobalId } from '../../src/history/global-id';
import { RC_ONLY_KEY, TestServer, startTestServer } from '../support/test-server';

/**
 * Fuzzing every argument, id, cursor and filter over HTTP, as the tenant that reads RingCentral only: whatever
 * a client sends, the answer is typed (an `extensions.code` from the documented list), never a 5xx, never a
 * stack trace, and never a row of another tenant's accounts.
 */
const CASES = Number(process.env['FUZZ_CASES'] ?? 3000);
const CODES = new Set(['BAD_USER_INPUT', 'BAD_REQUEST', 'NOT_FOUND', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'QUERY_TOO_EXPENSIVE', 'PERSISTED_QUERY_NOT_FOUND']);

let server: TestServer;
let realCursor = '';
let foreignCursor = '';
let foreignSessionId = '';
before(async () => {
  server = await startTestServer({ callsPerVendor: 100, configure: (c) => ({ ...c, limits: { ...c.limits, tenantRequestsPerMinute: 1_000_000, tenantMaxConcurrent: 1000 } }) });
  const mine = await post({ query: 'query { callSessions(first: 3) { pageInfo { endCursor } } }' }, RC_ONLY_KEY);
  realCursor = mine.body.data.callSessions.pageInfo.endCursor;
  const theirs = await post({ query: 'query { callSessions(first: 3, filter: { providers: [CALLGEAR] }) { edges { node { id } } pageInfo { endCursor } } }' }, 'sandbox-demo-key');
  foreignCursor = theirs.body.data.callSessions.pageInfo.endCursor;
  foreignSessionId = theirs.body.data.callSessions.edges[0].node.id;
});
after(async () => server.stop());

async function post(body: object, key = RC_ONLY_KEY): Promise<{ status: number; text: string; body: any }> {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

const LIST = `query Fuzz($first: Int, $after: String, $filter: CallSessionFilter, $orderBy: CallSessionOrder) {
  callSessions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    edges { node { id provider account extension { id } legs { index } } cursor }
    pageInfo { hasNextPage endCursor }
  }
}`;
const BY_ID = `query FuzzId($id: ID!) { callSession(id: $id) { id provider account } node(id: $id) { id ... on CallSession { provider account } } }`;

/** Strings a careless or hostile client sends. */
const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', 'null', '0', '-1', '%', '../../etc/passwd', '<script>', "' OR 1=1 --", '\u0000', 'A'.repeat(5000)),
  fc.base64String({ maxLength: 80 }),
);
const anyDate = fc.oneof(
  fc.date({ min: new Date('1960-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.integer({ min: -400, max: 30 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString()),
  junk,
);
const cursor = fc.oneof(
  fc.constant(null),
  junk,
  fc.constantFrom('REAL', 'FOREIGN'),
  fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 1 })).map(([at, ch]) => `FLIP:${at}:${ch}`),
);
const globalId = fc.oneof(
  junk,
  fc.constant('FOREIGN'),
  fc.tuple(fc.constantFrom('CallSession', 'Extension', 'Recording', 'Nope'), fc.constantFrom('RINGCENTRAL', 'CALLGEAR', 'TELPHIN', 'X'), fc.constantFrom('ringcentral-demo', 'callgear-demo', 'telphin-demo', ''), junk).map(([type, provider, account, nativeId]) =>
    encodeGlobalId({ type: type as never, provider: provider as never, account, nativeId }),
  ),
);
const filter = fc.option(
  fc.record(
    {
      from: anyDate,
      to: anyDate,
      providers: fc.array(fc.constantFrom('RINGCENTRAL', 'CALLGEAR', 'TELPHIN', 'NOPE'), { maxLength: 25 }),
      accounts: fc.array(fc.oneof(fc.constantFrom('ringcentral-demo', 'callgear-demo', 'telphin-demo'), junk), { maxLength: 5 }),
      directions: fc.array(fc.constantFrom('INBOUND', 'OUTBOUND', 'INTERNAL', 'SIDEWAYS'), { maxLength: 4 }),
      results: fc.array(fc.constantFrom('ANSWERED', 'MISSED', 'VOICEMAIL', 'BUSY', 'REJECTED', 'FAILED', 'UNKNOWN', 'X'), { maxLength: 25 }),
      phoneNumber: fc.oneof(junk, fc.constantFrom('+12125550100', '2125550100', '(212) 555-0100')),
      extensionIds: fc.array(globalId, { maxLength: 3 }),
      hasRecording: fc.oneof(fc.boolean(), junk),
      minDuration: fc.oneof(fc.integer({ min: -10, max: 100_000 }), junk),
    },
    { requiredKeys: [] },
  ),
  { nil: null },
);
const listCase = fc.record({
  first: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constant(null), junk),
  after: cursor,
  filter,
  orderBy: fc.oneof(fc.constantFrom('START_TIME_DESC', 'START_TIME_ASC'), junk),
});

function resolveCursor(value: string | null): string | null {
  if (value === 'REAL') return realCursor;
  if (value === 'FOREIGN') return foreignCursor;
  const flip = value ? /^FLIP:(\d+):(.)$/s.exec(value) : null;
  if (flip) {
    const at = Number(flip[1]) % realCursor.length;
    return realCursor.slice(0, at) + flip[2] + realCursor.slice(at + 1);
  }
  return value;
}

const tally = { cases: 0, status5xx: 0, untyped: 0, stacks: 0, foreignRows: 0 };

function check(answer: { status: number; text: string; body: any }): void {
  tally.cases += 1;
  if (answer.status >= 500) tally.status5xx += 1;
  if (/\bat [^\s]+\.js:\d+|node_modules|\/work\//.test(answer.text)) tally.stacks += 1;
  for (const error of answer.body.errors ?? []) if (!CODES.has(error.extensions?.code)) tally.untyped += 1;
  const found: Array<{ provider?: string; account?: string } | null> = [];
  for (const edge of answer.body.data?.callSessions?.edges ?? []) found.push(edge.node);
  found.push(answer.body.data?.callSession ?? null, answer.body.data?.node ?? null);
  for (const node of found) if (node && node.provider !== undefined && (node.provider !== 'RINGCENTRAL' || node.account !== 'ringcentral-demo')) tally.foreignRows += 1;
  assert.ok(answer.status < 500, answer.text.slice(0, 500));
  assert.ok((answer.body.errors ?? []).every((e: any) => CODES.has(e.extensions?.code)), answer.text.slice(0, 500));
}

test(`fuzzing arguments, filters, cursors and ids (${CASES} cases): no 5xx, no untyped error, no stack trace, no row of another tenant`, async (t) => {
  await fc.assert(
    fc.asyncProperty(listCase, async (c) => {
      check(await post({ query: LIST, variables: { ...c, after: resolveCursor(c.after as string | null) } }));
    }),
    { numRuns: Math.ceil(CASES * 0.7), seed: 20261201 },
  );
  await fc.assert(
    fc.asyncProperty(globalId, async (id) => {
      check(await post({ query: BY_ID, variables: { id: id === 'FOREIGN' ? foreignSessionId : id } }));
    }),
    { numRuns: Math.floor(CASES * 0.3), seed: 20261202 },
  );
  t.diagnostic(JSON.stringify(tally));
  assert.deepEqual({ ...tally, cases: 0 }, { cases: 0, status5xx: 0, untyped: 0, stacks: 0, foreignRows: 0 });
  assert.ok(tally.cases >= CASES);
});
