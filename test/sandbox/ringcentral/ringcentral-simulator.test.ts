import { assertMalformedBody } from '../../support/fixtures';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { get, startRc, token } from '../../support/rc-direct';
import { appendedIds, deleteCall } from '../../support/sandbox-calls';

let sim: Awaited<ReturnType<typeof startRc>>;
let at: string;
let clock = Date.now();
const MONTH_AGO = new Date(Date.now() - 31 * 864e5).toISOString();
const log = (query: string) => `${sim.baseUrl}/restapi/v1.0/account/~/call-log?dateFrom=${MONTH_AGO}&${query}`;

before(async () => {
  sim = await startRc({ now: () => clock, accessTokenTtlSeconds: 600, rateLimits: { Heavy: { limit: 1000, windowSeconds: 60, penaltySeconds: 60 }, Auth: { limit: 1000, windowSeconds: 60, penaltySeconds: 60 } } });
  at = (await token(sim.baseUrl)).body['access_token'];
});
after(async () => sim.stop());

describe('OAuth (vendors.md §1.1)', () => {
  test('JWT grant needs Basic client auth and the right assertion', async () => {
    const noClient = await token(sim.baseUrl, 'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=sandbox-jwt', '');
    assert.equal(noClient.status, 400);
    assert.equal(noClient.body['error'], 'invalid_client');
    assert.equal(noClient.body['errors'][0].errorCode, 'OAU-123');
    const badJwt = await token(sim.baseUrl, 'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=forged');
    assert.equal(badJwt.body['error'], 'invalid_grant');
    const ok = await token(sim.baseUrl);
    assert.equal(ok.status, 200);
    for (const key of ['access_token', 'token_type', 'expires_in', 'refresh_token', 'refresh_token_expires_in', 'scope', 'owner_id']) assert.ok(key in ok.body, key);
  });

  test('refresh tokens are single-use; refreshing kills the old access token', async () => {
    const first = (await token(sim.baseUrl)).body;
    const refreshed = await token(sim.baseUrl, `grant_type=refresh_token&refresh_token=${first['refresh_token']}`);
    assert.equal(refreshed.status, 200);
    assert.equal((await get(log('perPage=1'), first['access_token'])).status, 401, 'old access token is dead');
    assert.equal((await get(log('perPage=1'), refreshed.body['access_token'])).status, 200);
    clock += 11_000; // past the documented 10 s grace after the new token's first use
    const reused = await token(sim.baseUrl, `grant_type=refresh_token&refresh_token=${first['refresh_token']}`);
    assert.equal(reused.status, 400);
    assert.equal(reused.body['error'], 'invalid_grant');
  });

  test('a missing, corrupted or expired token gets 401 with the OAU code', async () => {
    assert.equal((await get(log(''), null)).body.errorCode, 'OAU-123');
    assert.equal((await get(log(''), 'garbage')).body.errorCode, 'OAU-129');
    const short = (await token(sim.baseUrl)).body['access_token'];
    clock += 601_000;
    const expired = await get(log(''), short);
    assert.equal(expired.status, 401);
    assert.equal(expired.body.errorCode, 'OAU-128');
    at = (await token(sim.baseUrl)).body['access_token'];
  });
});

describe('call-log list (vendors.md §1.3–1.4)', () => {
  test('newest first, with records, navigation and paging as documented, and no totals (vendors.md §1.10)', async () => {
    const res = await get(log('perPage=7&page=2'), at);
    assert.equal(res.status, 200);
    assert.equal(res.body.records.length, 7);
    const times = res.body.records.map((r: any) => Date.parse(r.startTime));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.deepEqual(Object.keys(res.body.navigation).sort(), ['firstPage', 'nextPage', 'previousPage']);
    assert.deepEqual(Object.keys(res.body.paging).sort(), ['page', 'pageEnd', 'pageStart', 'perPage']);
    assert.match(res.body.navigation.nextPage.uri, /page=3/);
    assert.equal(res.body.paging.page, 2);
    assert.equal(res.body.paging.pageStart, 7);
    assert.equal(res.body.paging.pageEnd, 13);
    const empty = await get(log('perPage=7&page=999'), at);
    assert.equal(empty.body.records.length, 0);
    assert.equal('page' in empty.body.paging, false, 'page/pageStart/pageEnd absent on an empty page');
  });

  test('dateFrom defaults to dateTo minus 24 hours', async () => {
    const res = await get(`${sim.baseUrl}/restapi/v1.0/account/~/call-log?perPage=1000`, at);
    const dayAgo = clock - 24 * 3600 * 1000;
    assert.ok(res.body.records.every((r: any) => Date.parse(r.startTime) >= dayAgo));
    const all = await get(log('perPage=1000'), at);
    assert.ok(all.body.records.length > res.body.records.length);
  });

  test('legs, billing and lastModifiedTime only in the Detailed view, at most 250 a page', async () => {
    const simple = await get(log('perPage=5'), at);
    assert.ok(simple.body.records.every((r: any) => !('legs' in r) && !('billing' in r) && !('lastModifiedTime' in r)));
    const detailed = await get(log('perPage=5&view=Detailed'), at);
    assert.ok(detailed.body.records.every((r: any) => Array.isArray(r.legs) && 'billing' in r && 'lastModifiedTime' in r));
    assert.equal((await get(log('perPage=1000&view=Detailed'), at)).body.paging.perPage, 250);
    assert.equal((await get(log('perPage=max'), at)).body.paging.perPage, 1000);
  });

  test('RingOut callee legs are reversed; one-leg busy RingOuts exist', async () => {
    const records = (await get(log('perPage=250&view=Detailed&page=1'), at)).body.records.concat((await get(log('perPage=250&view=Detailed&page=2'), at)).body.records);
    const ringouts = records.filter((r: any) => r.action === 'RingOut PC');
    assert.ok(ringouts.length > 0);
    const two = ringouts.find((r: any) => r.legs.length === 2)!;
    assert.equal(two.legs[0].legType, 'RingOutClientToSubscriber');
    assert.equal(two.legs[1].legType, 'RingOutClientToCaller');
    assert.equal(two.legs[1].master, true);
    assert.deepEqual(two.legs[0].from, two.to, 'callee leg from = call to');
    assert.ok(records.some((r: any) => ['FindMe', 'FollowMe'].includes(r.legs.at(-1)?.legType)));
  });

  test('filters: direction, phoneNumber, extensionNumber, sessionId, telephonySessionId, recordingType, withRecording', async () => {
    const all = (await get(log('perPage=1000'), at)).body.records;
    const inbound = (await get(log('perPage=1000&direction=Inbound'), at)).body.records;
    assert.ok(inbound.length > 0 && inbound.every((r: any) => r.direction === 'Inbound'));
    const both = (await get(log('perPage=1000&direction=Inbound&direction=Outbound'), at)).body.records;
    assert.equal(both.length, all.length);
    const external = all.find((r: any) => r.direction === 'Inbound' && r.from.phoneNumber).from.phoneNumber as string;
    const byPhone = (await get(log(`perPage=1000&phoneNumber=${external.slice(1)}`), at)).body.records;
    assert.ok(byPhone.length > 0 && byPhone.every((r: any) => r.from.phoneNumber === external || r.to.phoneNumber === external));
    const internal = all.find((r: any) => r.to.extensionNumber);
    const byExt = (await get(log(`perPage=1000&extensionNumber=${internal.to.extensionNumber}`), at)).body.records;
    assert.ok(byExt.some((r: any) => r.id === internal.id));
    const ofCall = (field: string, value: string) => all.filter((r: any) => r[field] === value).map((r: any) => r.id);
    assert.deepEqual((await get(log(`sessionId=${all[3].sessionId}`), at)).body.records.map((r: any) => r.id), ofCall('sessionId', all[3].sessionId));
    assert.deepEqual((await get(log(`telephonySessionId=${all[4].telephonySessionId}`), at)).body.records.map((r: any) => r.id), ofCall('telephonySessionId', all[4].telephonySessionId));
    const recorded = (await get(log('perPage=1000&recordingType=All'), at)).body.records;
    assert.ok(recorded.length > 0 && recorded.every((r: any) => r.recording));
    assert.equal((await get(log('perPage=1000&withRecording=true'), at)).body.records.length, recorded.length);
    assert.equal((await get(log('perPage=1000&recordingType=OnDemand'), at)).body.records.length, 0);
  });

  test('an internal or transferred call is one record per extension, sharing sessionId and telephonySessionId (vendors.md §1.10)', async () => {
    const all = (await get(log('perPage=250&view=Detailed'), at)).body.records;
    const byCall = new Map<string, any[]>();
    for (const r of all) byCall.set(r.telephonySessionId, [...(byCall.get(r.telephonySessionId) ?? []), r]);
    const internal = sim.dataSet.callsOf('ringcentral').find((c) => c.direction === 'internal')!;
    const transfer = sim.dataSet.callsOf('ringcentral').find((c) => c.legs.some((l) => l.kind === 'transfer'))!;
    for (const call of [internal, transfer]) {
      const records = byCall.get(sim.dataSet.callKeyOf('ringcentral', call.id))!;
      assert.equal(records.length, 2, call.scenario);
      assert.equal(new Set(records.map((r) => r.id)).size, 2, 'each record has its own id');
      assert.equal(new Set(records.map((r) => r.sessionId)).size, 1, 'one sessionId');
      assert.equal(new Set(records.map((r) => String(r.extension.id))).size, 2, 'one record per extension');
      assert.ok(records.every((r) => r.startTime === records[0].startTime), 'both carry the call start');
    }
    const [caller, callee] = byCall.get(sim.dataSet.callKeyOf('ringcentral', internal.id))!.sort((x, y) => (x.direction === 'Outbound' ? -1 : y.direction === 'Outbound' ? 1 : 0));
    assert.equal(caller.direction, 'Outbound');
    assert.equal(callee.direction, 'Inbound', "the callee's record is Inbound");
    // A transfer's records split the legs: the first extension's before the transfer, the target's from it on.
    const transferRecords = byCall.get(sim.dataSet.callKeyOf('ringcentral', transfer.id))!;
    const legTypes = transferRecords.map((r) => r.legs.map((l: any) => l.legType).join(',')).sort();
    assert.ok(legTypes.some((types) => types === 'TransferCall'), JSON.stringify(legTypes));
    assert.ok(legTypes.some((types) => !types.includes('TransferCall') && types.length > 0), JSON.stringify(legTypes));
    assert.ok(byCall.size < all.length, 'the log holds more records than calls');
  });

  test('invalid values get RingCentral error bodies naming the parameter', async () => {
    for (const [query, name] of [['perPage=0', 'perPage'], ['page=x', 'page'], ['view=Fancy', 'view'], ['direction=Sideways', 'direction'], ['dateTo=yesterday', 'dateTo'], ['phoneNumber=abc', 'phoneNumber'], ['recordingType=Some', 'recordingType']]) {
      const res = await get(log(query!), at);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.errorCode, 'CMN-101');
      assert.equal(res.body.errors[0].parameterName, name);
    }
    const combo = await get(log('phoneNumber=12125550100&extensionNumber=101'), at);
    assert.equal(combo.status, 400);
    assert.equal(combo.body.errorCode, 'CLG-110');
    assert.match((await get(log('sessionId=1&direction=Inbound'), at)).body.message, /Parameter \[sessionId\] is not allowed for usage along with parameter \[direction\]/);
  });
});

describe('records by id, extensions, recordings', () => {
  test('one id answers the record; several answer 207 multipart/mixed; more than 50 are refused', async () => {
    const [a, b] = (await get(log('perPage=2'), at)).body.records;
    const one = await get(`${sim.baseUrl}/restapi/v1.0/account/~/call-log/${a.id}?view=Detailed`, at);
    assert.equal(one.body.id, a.id);
    assert.ok(Array.isArray(one.body.legs));
    const bulk = await get(`${sim.baseUrl}/restapi/v1.0/account/~/call-log/${a.id},missing,${b.id}`, at);
    assert.equal(bulk.status, 207);
    assert.match(bulk.headers.get('content-type')!, /^multipart\/mixed; boundary=/);
    const boundary = /boundary=([^;]+)/.exec(bulk.headers.get('content-type')!)![1]!;
    const parts = bulk.text.split(`--${boundary}`).slice(1, -1).map((p) => JSON.parse(p.slice(p.indexOf('\r\n\r\n') + 4)));
    assert.deepEqual(parts[0].response.map((r: any) => r.status), [200, 404, 200]);
    assert.equal(parts[1].id, a.id);
    assert.equal(parts[2].errorCode, 'CMN-102');
    const many = Array.from({ length: 51 }, (_, i) => `id${i}`).join(',');
    assert.equal((await get(`${sim.baseUrl}/restapi/v1.0/account/~/call-log/${many}`, at)).body.errorCode, 'CMN-106');
    assert.equal((await get(`${sim.baseUrl}/restapi/v1.0/account/~/call-log/nope`, at)).status, 404);
  });

  test('the extension directory pages and omits deleted extensions; one by id; 404 CMN-102 otherwise', async () => {
    const list = await get(`${sim.baseUrl}/restapi/v1.0/account/~/extension?perPage=5`, at);
    assert.equal(list.body.records.length, 5);
    assert.ok(list.body.navigation.nextPage);
    const all = (await get(`${sim.baseUrl}/restapi/v1.0/account/~/extension?perPage=1000`, at)).body.records;
    const deleted = sim.dataSet.extensionsOf('ringcentral').filter((e) => !e.active);
    assert.ok(deleted.length > 0);
    assert.ok(deleted.every((d) => !all.some((e: any) => String(e.id) === d.id)));
    assert.equal((await get(`${sim.baseUrl}/restapi/v1.0/account/~/extension/${all[0].id}`, at)).body.name, all[0].name);
    assert.equal((await get(`${sim.baseUrl}/restapi/v1.0/account/~/extension/${deleted[0]!.id}`, at)).body.errorCode, 'CMN-102');
  });

  test('recording metadata on the API host; content on the media host only, with the token, honouring Range', async () => {
    const rec = (await get(log('perPage=1000&recordingType=All'), at)).body.records[0].recording;
    const meta = await get(`${sim.baseUrl}/restapi/v1.0/account/~/recording/${rec.id}`, at);
    assert.equal(meta.body.contentType, 'audio/wav');
    assert.equal(meta.body.contentUri, rec.contentUri);
    assert.ok(rec.contentUri.startsWith(sim.mediaBaseUrl));
    assert.equal((await get(rec.contentUri, null)).status, 401);
    const part = await fetch(rec.contentUri, { headers: { authorization: `Bearer ${at}`, range: 'bytes=0-43' } });
    assert.equal(part.status, 206);
    assert.equal(Buffer.from(await part.arrayBuffer()).subarray(0, 4).toString(), 'RIFF');
    assert.equal((await fetch(`${rec.contentUri}?access_token=${at}`)).status, 200);
    const onApiHost = rec.contentUri.replace(sim.mediaBaseUrl, sim.baseUrl);
    assert.equal((await get(onApiHost, at)).status, 404);
  });
});

describe('rate limits (vendors.md §1.8)', () => {
  test('X-Rate-Limit headers on every response; past the limit 429 with Retry-After, and a request in the penalty restarts it', async () => {
    let now = Date.now();
    const limited = await startRc({ now: () => now, rateLimits: { Heavy: { limit: 2, windowSeconds: 60, penaltySeconds: 30 } } });
    try {
      const t = (await token(limited.baseUrl)).body['access_token'];
      const url = `${limited.baseUrl}/restapi/v1.0/account/~/call-log?perPage=1`;
      const first = await get(url, t);
      assert.equal(first.headers.get('x-rate-limit-group'), 'heavy');
      assert.equal(first.headers.get('x-rate-limit-limit'), '2');
      assert.equal(first.headers.get('x-rate-limit-remaining'), '1');
      assert.equal(first.headers.get('x-rate-limit-window'), '60');
      await get(url, t);
      const third = await get(url, t);
      assert.equal(third.status, 429);
      assert.equal(third.headers.get('retry-after'), '30');
      assert.equal(third.body.errorCode, 'CMN-301');
      now += 61_000;
      assert.equal((await get(url, t)).status, 200, 'window and penalty over');
      await get(url, t);
      assert.equal((await get(url, t)).status, 429);
      now += 20_000;
      assert.equal((await get(url, t)).status, 429, 'still in the penalty, which restarts');
      now += 20_000;
      assert.equal((await get(url, t)).status, 429, 'restarted 20 s ago: 30 s not yet over');
      // The light group is separate.
      assert.equal((await get(`${limited.baseUrl}/restapi/v1.0/account/~/extension/~`, t)).status, 200);
    } finally {
      await limited.stop();
    }
  });
});

describe('control contract', () => {
  test('stats count vendor routes by status; reset clears; faults inject 503, 429, malformed JSON and hangs; calls appends', async () => {
    await fetch(`${sim.baseUrl}/__sandbox/reset`, { method: 'POST' });
    await get(log('perPage=1'), at);
    await get(log('perPage=abc'), at);
    const stats = (await (await fetch(`${sim.baseUrl}/__sandbox/stats`)).json()) as any;
    assert.equal(stats.total, 2);
    assert.deepEqual(stats.routes['GET /restapi/v1.0/account/~/call-log'], { '200': 1, '400': 1 });
    const put = (faults: object) => fetch(`${sim.baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
    assert.equal((await put({ errorRate: 2 })).status, 400);
    await put({ errorRate: 1 });
    const error = await get(log('perPage=1'), at);
    assert.equal(error.status, 503);
    assert.equal(error.body.errorCode, 'CMN-201');
    await put({ rateLimitRate: 1 });
    const limited = await get(log('perPage=1'), at);
    assert.equal(limited.status, 429);
    assert.ok(limited.headers.get('retry-after'));
    await put({ malformedRate: 1 });
    const malformed = await get(log('perPage=1'), at);
    assertMalformedBody(malformed.text);
    await put({ hangRate: 1 });
    const hung = await fetch(log('perPage=1'), { headers: { authorization: `Bearer ${at}` }, signal: AbortSignal.timeout(300) }).then(
      () => 'answered',
      () => 'hung',
    );
    assert.equal(hung, 'hung');
    await put({});
    assert.equal((await get(log('perPage=1'), at)).status, 200);
    // The control API names calls as Callbridge will (their telephonySessionId); their records are read by record id.
    const callOf = (key: string) => sim.dataSet.callsOf('ringcentral').find((c) => sim.dataSet.callKeyOf('ringcentral', c.id) === key)!;
    const callsListed = () => new Set(sim.listAll().map((r) => r['telephonySessionId'])).size;
    const before = callsListed();
    // A call that starts now has no record yet: records appear 15–30 s after the call ends (vendors.md §1.10).
    const fresh = { ids: await appendedIds(sim.baseUrl, { count: 1 }) };
    assert.equal(callsListed(), before);
    const freshCall = callOf(fresh.ids[0]!);
    assert.equal((await get(`${sim.baseUrl}/restapi/v1.0/account/~/call-log/${freshCall.id}`, at)).status, 404);
    const listedAt = (ms: number) => {
      const saved = clock;
      clock = ms;
      try {
        return sim.listAll().some((r) => r['id'] === freshCall.id);
      } finally {
        clock = saved;
      }
    };
    assert.equal(listedAt(freshCall.end.getTime() + 14_000), false, 'not yet 15 s after the call ended');
    assert.equal(listedAt(freshCall.end.getTime() + 30_000), true, 'listed by 30 s after the call ended');
    // Calls that ended an hour ago are listed.
    const added = { ids: await appendedIds(sim.baseUrl, { count: 3, startedSecondsAgo: 7200 }) };
    assert.equal(added.ids.length, 3);
    assert.equal(callsListed(), before + 3);
    // A deleted record is gone from the log and from reads by id; deleting it again is a 404 of the control API.
    const doomed = added.ids[1] as string;
    const doomedRecord = callOf(doomed).id;
    assert.equal((await get(`${sim.baseUrl}/restapi/v1.0/account/~/call-log/${doomedRecord}`, at)).status, 200);
    const deleted = await deleteCall(sim.baseUrl, doomed);
    assert.deepEqual([deleted.status, await deleted.json()], [200, { deleted: doomed }]);
    assert.equal(callsListed(), before + 2);
    const gone = await get(`${sim.baseUrl}/restapi/v1.0/account/~/call-log/${doomedRecord}`, at);
    assert.deepEqual([gone.status, gone.body.errors[0].errorCode], [404, 'CMN-102']);
    assert.equal((await deleteCall(sim.baseUrl, doomed)).status, 404);
    await fetch(`${sim.baseUrl}/__sandbox/reset`, { method: 'POST' });
    const cleared = (await (await fetch(`${sim.baseUrl}/__sandbox/stats`)).json()) as any;
    assert.deepEqual(cleared, { total: 0, routes: {} });
  });
});
