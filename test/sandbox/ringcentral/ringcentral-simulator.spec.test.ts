import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { rcSchema } from '../../support/rc-spec';
import { BASIC, get, startRc, token } from '../../support/rc-direct';
import { appendedIds, changeCall, deleteCall } from '../../support/sandbox-calls';

/**
 * Every RingCentral answer the adapter relies on, validated against RingCentral's own OpenAPI specification
 * (test/fixtures/ringcentral/rc-public-openapi.yml) with a JSON-schema validator: the simulator is the
 * vendor's witness, so it must answer what the vendor documents.
 */
let validated = 0;
function assertValid(name: string, pointer: string, body: unknown): void {
  const validate = rcSchema(pointer);
  const ok = validate(body);
  assert.ok(ok, `${name} is not a valid ${pointer}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
  validated += 1;
}

let sim: Awaited<ReturnType<typeof startRc>>;
let bearer: string;
const api = (path: string) => `${sim.baseUrl}/restapi/v1.0/account/~${path}`;
const MONTH = `dateFrom=${encodeURIComponent(new Date(Date.now() - 31 * 864e5).toISOString())}`;

before(async () => {
  sim = await startRc({}, 300);
  bearer = (await token(sim.baseUrl)).body['access_token'];
});
after(async () => {
  await sim.stop();
  console.log(`# ${validated} RingCentral simulator answers validated against the OpenAPI specification`);
});

test('token answers: a grant, a refresh, and the OAuth errors', async () => {
  const first = await token(sim.baseUrl);
  assertValid('the token answer (JWT grant)', 'schemas/TokenInfo', first.body);
  const refreshed = await token(sim.baseUrl, `grant_type=refresh_token&refresh_token=${encodeURIComponent(first.body['refresh_token'])}`);
  assertValid('the token answer (refresh)', 'schemas/TokenInfo', refreshed.body);
  const wrongSecret = await token(sim.baseUrl, undefined, `Basic ${Buffer.from('sandbox-client:not-the-secret').toString('base64')}`);
  assert.equal(wrongSecret.status, 400, 'getToken lists 400 for a wrong client secret');
  assertValid('a wrong client secret', 'responses/OauthInvalidRequest/content/application~1json/schema', wrongSecret.body);
  const badJwt = await token(sim.baseUrl, 'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=forged', BASIC);
  assert.equal(badJwt.status, 400);
  assertValid('a forged JWT', 'responses/OauthInvalidRequest/content/application~1json/schema', badJwt.body);
});

test('call-log lists, Simple and Detailed, and records by id (one, and bulk 207 parts)', async () => {
  for (const view of ['Simple', 'Detailed']) {
    const page = await get(api(`/call-log?${MONTH}&view=${view}&perPage=100`), bearer);
    assert.equal(page.status, 200);
    assertValid(`a ${view} call-log page`, 'schemas/CallLogResponse', page.body);
    for (const [i, record] of (page.body.records as unknown[]).entries()) assertValid(`${view} record ${i}`, 'schemas/CallLogRecord', record);
  }
  const ids = ((await get(api(`/call-log?${MONTH}&perPage=3`), bearer)).body.records as Array<{ id: string }>).map((r) => r.id);
  const one = await get(api(`/call-log/${ids[0]}?view=Detailed`), bearer);
  assertValid('a record by id', 'schemas/CallLogRecord', one.body);
  const bulk = await get(api(`/call-log/${ids.join(',')}?view=Detailed`), bearer, { accept: 'multipart/mixed' });
  assert.equal(bulk.status, 207);
  const parts = bulk.text.split(/--[^\r\n]+/).map((part: string) => part.split(/\r?\n\r?\n/).slice(1).join('\n\n').trim()).filter((json: string) => json.startsWith('{'));
  assert.equal(parts.length, ids.length + 1, 'a summary and a part per id');
  for (const [i, part] of parts.slice(1).entries()) assertValid(`bulk part ${i}`, 'schemas/CallLogRecord', JSON.parse(part));
});

test('extensions: the list and one', async () => {
  const list = await get(api('/extension?perPage=100'), bearer);
  assertValid('the extension list', 'schemas/GetExtensionListResponse', list.body);
  const first = (list.body.records as Array<{ id: number }>)[0]!;
  const one = await get(api(`/extension/${first.id}`), bearer);
  assertValid('one extension', 'schemas/GetExtensionInfoResponse', one.body);
});

test('recordings: metadata and content', async () => {
  const detailed = await get(api(`/call-log?${MONTH}&view=Detailed&perPage=1000&recordingType=All`), bearer);
  const recording = (detailed.body.records as Array<{ recording?: { id: string; contentUri: string } }>).find((r) => r.recording)!.recording!;
  const metadata = await get(api(`/recording/${recording.id}`), bearer);
  assertValid('recording metadata', 'schemas/GetCallRecordingResponse', metadata.body);
  const content = await fetch(recording.contentUri, { headers: { authorization: `Bearer ${bearer}`, range: 'bytes=0-15' } });
  assert.equal(content.status, 206);
  assert.match(content.headers.get('content-type') ?? '', /^audio\//);
  validated += 1;
});

test('error bodies: invalid parameter, not found, no token, rate limited', async () => {
  const invalid = await get(api('/call-log?perPage=0'), bearer);
  assert.equal(invalid.status, 400);
  assertValid('CMN-101', 'schemas/ApiErrorResponseModel', invalid.body);
  const missing = await get(api('/call-log/NoSuchRecord0000?view=Detailed'), bearer);
  assert.equal(missing.status, 404);
  assertValid('CMN-102', 'schemas/ApiErrorResponseModel', missing.body);
  const anonymous = await get(api('/call-log'), null);
  assert.equal(anonymous.status, 401);
  assertValid('no token', 'schemas/ApiErrorResponseModel', anonymous.body);
  const unknownPath = await get(`${sim.baseUrl}/restapi/v1.0/no-such-thing`, bearer);
  assert.equal(unknownPath.status, 404);
  assertValid('an unknown path', 'schemas/ApiErrorResponseModel', unknownPath.body);
  const limited = await startRc({ rateLimits: { Heavy: { limit: 1, windowSeconds: 60, penaltySeconds: 60 } } }, 10);
  try {
    const at = (await token(limited.baseUrl)).body['access_token'];
    let answer = await get(`${limited.baseUrl}/restapi/v1.0/account/~/call-log`, at);
    for (let i = 0; i < 3 && answer.status !== 429; i++) answer = await get(`${limited.baseUrl}/restapi/v1.0/account/~/call-log`, at);
    assert.equal(answer.status, 429);
    assertValid('CMN-301', 'schemas/ApiErrorResponseModel', answer.body);
  } finally {
    await limited.stop();
  }
});

test('call-log sync: FSync, ISync with new, changed and deleted records, the over-limit 400 and a forced FSync', async () => {
  const rc = await startRc({ syncResetEvery: 0, rateLimits: { Heavy: { limit: 1000, windowSeconds: 60, penaltySeconds: 1 } } }, 100);
  try {
    const at = (await token(rc.baseUrl)).body['access_token'];
    const sync = (query: string) => get(`${rc.baseUrl}/restapi/v1.0/account/~/call-log-sync?${query}`, at);
    const tokenOf = (answer: { body: { syncInfo: { syncToken: string } } }) => encodeURIComponent(answer.body.syncInfo.syncToken);

    // recordCount is mandatory for FSync, at most 250 here; the frame starts no more than 30 days back.
    assert.equal((await sync('syncType=FSync')).status, 400);
    assert.equal((await sync('syncType=FSync&recordCount=251')).status, 400);
    assert.equal((await sync(`syncType=FSync&recordCount=5&dateFrom=${new Date(Date.now() - 31 * 864e5).toISOString()}`)).status, 400);
    assert.equal((await sync('syncType=ISync')).status, 400, 'ISync without a token');

    const full = await sync(`syncType=FSync&recordCount=5&view=Detailed&dateFrom=${new Date(Date.now() - 29 * 864e5).toISOString()}`);
    assert.equal(full.status, 200);
    assertValid('an FSync answer', 'schemas/CallLogSyncResponse', full.body);
    const starts = (full.body.records as Array<{ startTime: string }>).map((r) => Date.parse(r.startTime));
    assert.equal(starts.length, 5);
    assert.deepEqual(starts, [...starts].sort((a, b) => b - a), 'newest first');
    assert.equal(Math.max(...starts), Math.max(...rc.listAll().map((r) => Date.parse(r['startTime'] as string))), 'the newest records of the frame');

    const quiet = await sync(`syncType=ISync&syncToken=${tokenOf(full)}`);
    assert.equal(quiet.status, 200);
    assert.equal(quiet.body.records.length, 0, 'nothing changed');
    assertValid('an empty ISync answer', 'schemas/CallLogSyncResponse', quiet.body);

    // A late call (an hour ago), a changed call and a deleted one.
    const [late] = await appendedIds(rc.baseUrl, { count: 1, startedSecondsAgo: 3600 });
    const listed = rc.listAll() as Array<{ id: string; telephonySessionId: string; startTime: string }>;
    const changed = listed[20]!.telephonySessionId;
    const doomed = listed[40]!.telephonySessionId;
    assert.equal((await changeCall(rc.baseUrl, changed, { extendSeconds: 60 })).status, 200);
    assert.equal((await deleteCall(rc.baseUrl, doomed)).status, 200);

    const changes = await sync(`syncType=ISync&syncToken=${tokenOf(quiet)}&showDeleted=true&view=Detailed`);
    assert.equal(changes.status, 200);
    assertValid('an ISync answer', 'schemas/CallLogSyncResponse', changes.body);
    for (const [i, record] of (changes.body.records as unknown[]).entries()) assertValid(`ISync record ${i}`, 'schemas/CallLogRecord', record);
    const bySession = (records: Array<{ telephonySessionId: string; deleted?: boolean }>, id: string) => records.filter((r) => r.telephonySessionId === id);
    assert.ok(bySession(changes.body.records, late!).length >= 1, 'the late call');
    assert.ok(bySession(changes.body.records, changed).length >= 1, 'the changed call');
    assert.ok(bySession(changes.body.records, doomed).every((r) => r.deleted === true) && bySession(changes.body.records, doomed).length >= 1, 'the deleted call, marked deleted');
    const withoutDeleted = await sync(`syncType=ISync&syncToken=${tokenOf(quiet)}`);
    assert.equal(bySession(withoutDeleted.body.records, doomed).length, 0, 'deleted records only with showDeleted');

    // More than 250 changes: the documented 400, and the client must FSync again.
    await appendedIds(rc.baseUrl, { count: 260, startedSecondsAgo: 3600 });
    const over = await sync(`syncType=ISync&syncToken=${tokenOf(changes)}`);
    assert.equal(over.status, 400);
    assert.match(over.body.message, /max sync record number limit is exceeded/);
    assertValid('the over-limit 400', 'schemas/ApiErrorResponseModel', over.body);

    // A reset frame refuses every earlier token.
    const fresh = await sync('syncType=FSync&recordCount=1');
    assert.equal((await sync(`syncType=ISync&syncToken=${tokenOf(fresh)}`)).status, 200);
    await fetch(`${rc.baseUrl}/__sandbox/sync-reset`, { method: 'POST' });
    const refused = await sync(`syncType=ISync&syncToken=${tokenOf(fresh)}`);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.errors[0].parameterName, 'syncToken');
  } finally {
    await rc.stop();
  }
});

test('call-log sync refuses every n-th ISync token by default (a sporadic forced FSync)', async () => {
  const rc = await startRc({ syncResetEvery: 3 }, 20);
  try {
    const at = (await token(rc.baseUrl)).body['access_token'];
    const sync = (query: string) => get(`${rc.baseUrl}/restapi/v1.0/account/~/call-log-sync?${query}`, at);
    let answer = await sync('syncType=FSync&recordCount=1');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const next = await sync(`syncType=ISync&syncToken=${encodeURIComponent(answer.body.syncInfo.syncToken)}`);
      statuses.push(next.status);
      if (next.status === 200) answer = next;
    }
    assert.deepEqual(statuses, [200, 200, 400]);
  } finally {
    await rc.stop();
  }
});
