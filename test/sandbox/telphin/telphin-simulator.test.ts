import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixture } from '../../support/fixtures';
import { startTp, tpGet, tpToken } from '../../support/tp-direct';
import { appendedIds } from '../../support/sandbox-calls';

let sim: Awaited<ReturnType<typeof startTp>>;
let clock = Date.now();
let token: string;
const api = (path: string) => `${sim.baseUrl}/api/ver1.0/client/@me${path}`;
const gmt = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const MONTH = `start_datetime=${encodeURIComponent(gmt(Date.now() - 31 * 864e5))}&end_datetime=${encodeURIComponent(gmt(Date.now() + 864e5))}`;

before(async () => {
  // The kind variant (pages of up to 500) so that one request reads a month; the cap has tests of its own.
  sim = await startTp({ now: () => clock, tokenTtlSeconds: 600, perPageCap: 500 });
  token = (await tpToken(sim.baseUrl)).body['access_token'];
});
after(async () => sim.stop());

describe('per_page (vendors.md §3.7)', () => {
  test('by default a page holds at most 100 rows whatever per_page asks, and the answer echoes what it honoured', async () => {
    const capped = await startTp();
    try {
      const bearer = (await tpToken(capped.baseUrl)).body['access_token'];
      const base = `${capped.baseUrl}/api/ver1.0/client/@me`;
      const first = await tpGet(`${base}/calls/?${MONTH}&per_page=500`, bearer);
      assert.equal(first.body.calls.length, 100);
      assert.equal(first.body.per_page, 100, 'the per_page honoured');
      const second = await tpGet(`${base}/calls/?${MONTH}&per_page=500&page=2`, bearer);
      assert.equal(second.body.calls.length, 100, 'page 2 goes on from row 101');
      assert.notEqual(second.body.calls[0].call_uuid, first.body.calls[0].call_uuid);
      const small = await tpGet(`${base}/call_history/?${MONTH}&per_page=7`, bearer);
      assert.equal(small.body.per_page, 7);
    } finally {
      await capped.stop();
    }
  });
});

describe('OAuth (vendors.md §3.1)', () => {
  test('client_credentials gives a bearer token with expires_in and no refresh token; wrong credentials do not', async () => {
    const ok = await tpToken(sim.baseUrl);
    assert.equal(ok.status, 200);
    assert.deepEqual(Object.keys(ok.body).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
    assert.equal(ok.body['token_type'], 'Bearer');
    assert.equal(ok.body['expires_in'], 600);
    assert.equal((await tpToken(sim.baseUrl, 'grant_type=client_credentials&client_id=sandbox-client&client_secret=nope')).status, 401);
    assert.equal((await tpToken(sim.baseUrl, 'grant_type=password&username=a&password=b')).status, 400);
  });

  test('a missing or expired token gets 401 with a message and no status', async () => {
    const missing = await tpGet(api('/extension/'), null);
    assert.equal(missing.status, 401);
    assert.equal(typeof missing.body.message, 'string');
    assert.equal(missing.body.status, undefined);
    const short = (await tpToken(sim.baseUrl)).body['access_token'];
    clock += 601_000;
    assert.equal((await tpGet(api('/extension/'), short)).status, 401);
    token = (await tpToken(sim.baseUrl)).body['access_token'];
  });

  test('@me is the token\'s client; its numeric id works too; another client is not found', async () => {
    assert.equal((await tpGet(`${sim.baseUrl}/api/ver1.0/client/${sim.clientId}/extension/`, token)).status, 200);
    const other = await tpGet(`${sim.baseUrl}/api/ver1.0/client/1/extension/`, token);
    assert.equal(other.status, 404);
    assert.equal(other.body.status, 'client_not_found');
  });
});

describe('calls and call_history (seed 004)', () => {
  test('calls: {calls, order, page, per_page}, no total, newest first by default, every documented field', async () => {
    const res = await tpGet(api(`/calls/?${MONTH}&per_page=7&page=2`), token);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['calls', 'order', 'page', 'per_page']);
    assert.equal(res.body.order, 'desc');
    assert.equal(res.body.calls.length, 7);
    const times = res.body.calls.map((c: any) => c.init_time_gmt);
    assert.deepEqual(times, [...times].sort().reverse());
    const documented = ['bridged_domain', 'bridged_duration', 'bridged_time_gmt', 'bridged_username', 'call_uuid', 'client_owner_id', 'did_domain', 'did_number', 'duration', 'ext_number_reg', 'extension_group_owner_id', 'extension_id', 'extension_name', 'extension_type', 'flow', 'from_domain', 'from_screen_name', 'from_username', 'hangup_cause', 'hangup_disposition', 'hangup_time_gmt', 'init_time_gmt', 'result', 'start_time_gmt', 'to_domain', 'to_username', 'diversion_number', 'quality_rate'];
    for (const key of documented) assert.ok(key in res.body.calls[0], key);
    assert.ok(!('cdr' in res.body.calls[0]));
    const asc = await tpGet(api(`/calls/?${MONTH}&order=asc&per_page=500`), token);
    assert.equal(asc.body.calls.length, 200);
    const ascTimes = asc.body.calls.map((c: any) => c.init_time_gmt);
    assert.deepEqual(ascTimes, [...ascTimes].sort());
  });

  test('per_page above 500, page 0 and bad values get 400 with {message, status}', async () => {
    for (const q of ['per_page=501', 'page=0', 'order=sideways', 'start_datetime=yesterday', 'flow=up', 'start_duration=-1']) {
      const res = await tpGet(api(`/calls/?${q}`), token);
      assert.equal(res.status, 400, q);
      assert.equal(typeof res.body.message, 'string');
      assert.equal(res.body.status, 'invalid_request');
    }
  });

  test('options filter as documented, arrays as repeated keys', async () => {
    const all = (await tpGet(api(`/calls/?${MONTH}&per_page=500`), token)).body.calls as any[];
    const count = async (q: string) => (await tpGet(api(`/calls/?${MONTH}&per_page=500&${q}`), token)).body.calls.length;
    assert.equal(await count('flow=in'), all.filter((c) => c.flow === 'in').length);
    assert.equal(await count('flow=in&flow=out'), all.length);
    assert.equal(await count('flow[]=out'), all.filter((c) => c.flow === 'out').length);
    const ext = all[0].extension_id;
    assert.equal(await count(`extension_id=${ext}`), all.filter((c) => c.extension_id === ext).length);
    const from = all.find((c) => c.flow === 'in').from_username;
    assert.equal(await count(`from_username=${from}&from_username=nobody`), all.filter((c) => c.from_username === from).length);
    assert.equal(await count(`to_username=${encodeURIComponent(all[0].to_username)}`), all.filter((c) => c.to_username === all[0].to_username).length);
    assert.equal(await count('start_duration=60&end_duration=120'), all.filter((c) => c.duration >= 60 && c.duration <= 120).length);
    assert.equal(await count('start_bridged_duration=1'), all.filter((c) => c.bridged_duration !== null && c.bridged_duration >= 1).length);
    const bridged = all.find((c) => c.bridged_username).bridged_username;
    assert.equal(await count(`bridged_username=${encodeURIComponent(bridged)}`), all.filter((c) => c.bridged_username === bridged).length);
    const did = all.find((c) => c.did_number).did_number;
    assert.equal(await count(`did_number=${did}`), all.filter((c) => c.did_number === did).length);
    const mid = all[100].init_time_gmt;
    assert.equal((await tpGet(api(`/calls/?per_page=500&start_datetime=${encodeURIComponent(mid)}`), token)).body.calls.length, all.filter((c) => c.init_time_gmt >= mid).length);
    assert.ok(all.some((c) => c.result === 'answered') && all.some((c) => c.result === 'bridged') && all.some((c) => c.result === 'not answered'));
  });

  test('call_history items carry cdr shaped like the fixture; one call by uuid; unknown uuid is 404', async () => {
    const res = await tpGet(api(`/call_history/?${MONTH}&per_page=100`), token);
    assert.deepEqual(Object.keys(res.body).sort(), ['call_history', 'order', 'page', 'per_page']);
    const shape = fixture<any>('telphin', 'call-history-item.json');
    const withCdr = res.body.call_history.find((c: any) => c.cdr.some((l: any) => l.record_uuid));
    for (const key of Object.keys(shape)) assert.ok(key in withCdr, `call ${key}`);
    for (const key of Object.keys(shape.cdr[0])) assert.ok(key in withCdr.cdr[0], `cdr ${key}`);
    assert.match(withCdr.cdr.find((l: any) => l.record_uuid).record_uuid, /^\d+-[0-9A-F]{32}$/);
    assert.ok(res.body.call_history.some((c: any) => c.cdr.some((l: any) => l.flow === 'transfer')));
    assert.ok(res.body.call_history.some((c: any) => c.cdr.length >= 2));
    const one = await tpGet(api(`/call_history/${withCdr.call_uuid}`), token);
    assert.deepEqual(one.body, withCdr);
    assert.equal((await tpGet(api(`/call_history/${'0'.repeat(32)}`), token)).status, 404);
  });
});

describe('records and extensions', () => {
  test('a record downloads as playable audio with a truthful type and Range; storage_url works; lists are arrays', async () => {
    const records = (await tpGet(api(`/record/?${MONTH}&per_page=50`), token)).body as any[];
    assert.ok(Array.isArray(records) && records.length > 0);
    for (const key of ['call_uuid', 'record_uuid', 'file_name', 'record_transfer', 'record_file_size']) assert.ok(key in records[0], key);
    const whole = await tpGet(api(`/record/${records[0].record_uuid}`), token);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('content-type'), 'audio/wav');
    assert.equal(whole.buffer.subarray(0, 4).toString('ascii'), 'RIFF');
    assert.equal(whole.buffer.length, records[0].record_file_size);
    const part = await tpGet(api(`/record/${records[0].record_uuid}`), token, { range: 'bytes=4-7' });
    assert.equal(part.status, 206);
    assert.deepEqual(part.buffer, whole.buffer.subarray(4, 8));
    const storage = await tpGet(api(`/record/${records[0].record_uuid}/storage_url/`), token);
    const stored = await tpGet(storage.body.record_url, null);
    assert.deepEqual(stored.buffer, whole.buffer);
    assert.equal((await tpGet(api(`/record/1-${'0'.repeat(32)}`), token)).status, 404);
  });

  test('extensions: a plain array of phone, queue and ivr extensions; one by id', async () => {
    const list = (await tpGet(api('/extension/'), token)).body as any[];
    assert.ok(Array.isArray(list));
    assert.deepEqual([...new Set(list.map((e) => e.type))].sort(), ['ivr', 'phone', 'queue']);
    assert.match(list[0].name, /^\d+\*\d+$/);
    assert.equal((await tpGet(api('/extension/?type=queue'), token)).body.length, list.filter((e) => e.type === 'queue').length);
    assert.deepEqual((await tpGet(api(`/extension/${list[0].id}`), token)).body, list[0]);
  });
});

describe('limits (vendors.md §3.6) and control', () => {
  test('the hourly quota: X-RateLimit-* on every response, 429 rate_limit_exceeded when spent', async () => {
    const tight = await startTp({ hourlyQuota: 2 });
    try {
      const t = (await tpToken(tight.baseUrl)).body['access_token'];
      const first = await tpGet(`${tight.baseUrl}/api/ver1.0/client/@me/extension/`, t);
      assert.equal(first.headers.get('x-ratelimit-limit'), '2');
      assert.equal(first.headers.get('x-ratelimit-remaining'), '1');
      const reset = Number(first.headers.get('x-ratelimit-reset'));
      assert.ok(reset > 0 && reset <= 3600);
      await tpGet(`${tight.baseUrl}/api/ver1.0/client/@me/extension/`, t);
      const over = await tpGet(`${tight.baseUrl}/api/ver1.0/client/@me/extension/`, t);
      assert.equal(over.status, 429);
      assert.equal(over.body.status, 'rate_limit_exceeded');
      assert.equal(over.headers.get('x-ratelimit-remaining'), '0');
    } finally {
      await tight.stop();
    }
  });

  test('a second statistics request while one runs gets the documented concurrent 429', async () => {
    const slow = await startTp({ statsDurationMs: 100 });
    try {
      const t = (await tpToken(slow.baseUrl)).body['access_token'];
      const [a, b] = await Promise.all([tpGet(`${slow.baseUrl}/api/ver1.0/client/@me/calls/`, t), tpGet(`${slow.baseUrl}/api/ver1.0/client/@me/call_history/`, t)]);
      const statuses = [a.status, b.status].sort();
      assert.deepEqual(statuses, [200, 429]);
      assert.deepEqual((a.status === 429 ? a : b).body, fixture('telphin', 'call-history-429-concurrent.json'));
      const [c, d] = await Promise.all([tpGet(`${slow.baseUrl}/api/ver1.0/client/@me/calls/`, t), tpGet(`${slow.baseUrl}/api/ver1.0/client/@me/extension/`, t)]);
      assert.deepEqual([c.status, d.status], [200, 200], 'directories are not statistics');
    } finally {
      await slow.stop();
    }
  });

  test('the control contract: stats by route, faults in Telphin terms, appended calls', async () => {
    await fetch(`${sim.baseUrl}/__sandbox/reset`, { method: 'POST' });
    await tpGet(api(`/calls/?${MONTH}`), token);
    const stats = await (await fetch(`${sim.baseUrl}/__sandbox/stats`)).json();
    assert.deepEqual(stats, { total: 1, routes: { 'GET /api/ver1.0/client/@me/calls/': { '200': 1 } } });
    const put = (body: object) => fetch(`${sim.baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await put({ rateLimitRate: 1 });
    const limited = await tpGet(api('/calls/'), token);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    await put({ errorRate: 1 });
    assert.equal((await tpGet(api('/calls/'), token)).status, 503);
    await put({});
    const added = { ids: await appendedIds(sim.baseUrl, { count: 2 }) };
    const newest = await tpGet(api(`/calls/?per_page=5&end_datetime=${encodeURIComponent(gmt(clock + 60_000))}`), token);
    assert.deepEqual(new Set(newest.body.calls.slice(0, 2).map((c: any) => c.call_uuid)), new Set(added.ids));
  });
});

describe('outbound calls (vendors.md §3.7)', () => {
  test("from_username is the extension's SIP user, and the cdr's ani_number is the caller id presented", async () => {
    const history = (await tpGet(api(`/call_history/?${MONTH}&per_page=500&flow=out`), token)).body.call_history as any[];
    const outbound = history.filter((c) => c.flow === 'out');
    assert.ok(outbound.length > 10);
    for (const call of outbound) {
      assert.match(call.from_username, /^\d+\*\d+$/, 'a SIP user such as "100*0111"');
      const ani = (call.cdr as any[]).map((cdr) => cdr.ani_number);
      // The company's number, or an extension's short one on an internal call.
      assert.ok(ani.every((n) => /^\d{3,15}$/.test(n)), `ani_number is a number: ${ani.join(',')}`);
    }
  });
});
