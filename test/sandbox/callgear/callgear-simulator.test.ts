import { assertMalformedBody } from '../../support/fixtures';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { formatWall } from '../../../src/lib/zoned-time';
import { rpc, rpcRaw, startCg } from '../../support/cg-direct';
import { appendedIds } from '../../support/sandbox-calls';

let sim: Awaited<ReturnType<typeof startCg>>;
let clock = Date.now();
const token = 'sandbox-token';
const ZONE = 'Europe/Berlin';
const range = () => ({ date_from: formatWall(clock - 30 * 864e5, ZONE), date_till: formatWall(clock, ZONE) });
const calls = (params: Record<string, unknown> = {}) => rpc(sim.baseUrl, 'get.calls_report', { access_token: token, ...range(), ...params });

before(async () => {
  sim = await startCg({ now: () => clock, limits: { minuteLimit: 100_000, dayLimit: 1_000_000 } });
});
after(async () => sim.stop());

describe('JSON-RPC envelope (vendors.md §2.2, §2.4)', () => {
  test('answers with the documented envelope: result.metadata{total_items, limits} and data', async () => {
    const res = await calls({ limit: 3 });
    assert.equal(res.httpStatus, 200);
    assert.equal(res.jsonrpc, '2.0');
    assert.equal(res.id, 1);
    assert.equal(res.result.data.length, 3);
    assert.equal(res.result.metadata.total_items, 200);
    for (const key of ['day_limit', 'day_remaining', 'day_reset', 'minute_limit', 'minute_remaining', 'minute_reset']) assert.equal(typeof res.result.metadata.limits[key], 'number', key);
  });

  test('parse errors, invalid requests, unknown methods, batches and notifications get their codes', async () => {
    assert.equal((await rpcRaw(sim.baseUrl, '{"jsonrpc":')).error.code, -32700);
    const invalid = await rpcRaw(sim.baseUrl, JSON.stringify({ jsonrpc: '1.0', id: 5, method: 'get.calls_report' }));
    assert.deepEqual([invalid.error.code, invalid.error.data.mnemonic, invalid.id], [-32600, 'invalid_request', 5]);
    const unknown = await rpc(sim.baseUrl, 'get.everything', { access_token: token });
    assert.deepEqual([unknown.error.code, unknown.error.data.mnemonic], [-32601, 'method_not_found']);
    const batch = await rpcRaw(sim.baseUrl, JSON.stringify([{ jsonrpc: '2.0', id: 1, method: 'get.employees', params: { access_token: token } }]));
    assert.deepEqual([batch.error.code, batch.error.data.mnemonic], [-32099, 'batch_operations_not_supported']);
    const notification = await rpcRaw(sim.baseUrl, JSON.stringify({ jsonrpc: '2.0', method: 'get.employees', params: { access_token: token } }));
    assert.deepEqual([notification.error.code, notification.error.data.mnemonic], [-32099, 'notifications_not_supported']);
  });
});

describe('auth (vendors.md §2.1)', () => {
  test('a wrong key gets -32001 access_token_invalid; login.user issues an expiring key', async () => {
    const wrong = await calls({ access_token: 'forged' });
    assert.deepEqual([wrong.error.code, wrong.error.data.mnemonic], [-32001, 'access_token_invalid']);
    const badLogin = await rpc(sim.baseUrl, 'login.user', { login: 'sandbox', password: 'nope' });
    assert.deepEqual([badLogin.error.code, badLogin.error.data.mnemonic], [-32001, 'auth_error']);
    const login = await rpc(sim.baseUrl, 'login.user', { login: 'sandbox', password: 'sandbox-password' });
    const { access_token, expire_at, app_id } = login.result.data;
    assert.equal(typeof access_token, 'string');
    assert.equal(typeof app_id, 'number');
    assert.ok(Math.abs(expire_at - Math.floor(clock / 1000) - 3600) <= 1, 'one hour');
    assert.equal((await calls({ access_token, limit: 1 })).result.data.length, 1);
    clock += 3601_000;
    const expired = await calls({ access_token, limit: 1 });
    assert.deepEqual([expired.error.code, expired.error.data.mnemonic], [-32001, 'access_token_expired']);
    const missing = await rpc(sim.baseUrl, 'get.employees', {});
    assert.deepEqual([missing.error.code, missing.error.data.mnemonic, missing.error.data.field], [-32602, 'required_parameter_missed', 'access_token']);
  });
});

describe('report parameters (vendors.md §2.2)', () => {
  const problem = async (params: Record<string, unknown>) => {
    const res = await calls(params);
    assert.ok(res.error, JSON.stringify(res).slice(0, 200));
    return [res.error.code, res.error.data.mnemonic] as const;
  };

  test('date_from and date_till are required, in "YYYY-MM-DD hh:mm:ss", at most 3 months apart', async () => {
    assert.deepEqual(await problem({ date_from: undefined }), [-32602, 'required_parameter_missed']);
    assert.deepEqual(await problem({ date_till: '2026-11-01T00:00:00Z' }), [-32602, 'invalid_parameter_value']);
    assert.deepEqual(await problem({ date_from: '2026-01-01 00:00:00', date_till: '2026-04-01 00:00:01' }), [-32602, 'date_interval_limit_reached']);
    const threeMonths = await calls({ date_from: '2026-01-01 00:00:00', date_till: '2026-04-01 00:00:00', limit: 1 });
    assert.ok(threeMonths.result, 'exactly three months is allowed');
    const res = await calls({ date_from: '2026-01-01 00:00:00', date_till: '2026-06-01 00:00:00' });
    assert.equal(res.error.message, 'Max value of requested date interval is 3 months');
    assert.deepEqual(await problem({ date_from: '2026-02-01 00:00:00', date_till: '2026-01-01 00:00:00' }), [-32602, 'invalid_parameters_combination']);
  });

  test('offset up to 100 000, limit 1..10 000 (default 1000); wrong types are data_type_error', async () => {
    assert.deepEqual(await problem({ offset: 100_001 }), [-32602, 'invalid_parameter_value']);
    assert.deepEqual(await problem({ limit: 10_001 }), [-32602, 'invalid_parameter_value']);
    assert.deepEqual(await problem({ limit: '10' }), [-32602, 'data_type_error']);
    assert.ok((await calls({ offset: 100_000 })).result, 'the cap itself is allowed');
    assert.equal((await calls({})).result.data.length, 200, 'default 1000 covers the 200 calls');
    const page = await calls({ offset: 195, limit: 10 });
    assert.equal(page.result.data.length, 5);
    assert.equal(page.result.metadata.total_items, 200);
  });

  test('fields: the default set when absent, only the asked ones otherwise; unknown ones are unexpected_parameters', async () => {
    const defaults = (await calls({ limit: 1 })).result.data[0];
    for (const name of ['id', 'start_time', 'finish_time', 'finish_reason', 'direction', 'is_lost', 'virtual_phone_number', 'call_records', 'full_record_file_link']) assert.ok(name in defaults, name);
    assert.ok(!('employees' in defaults), 'employees is not a default field');
    const asked = (await calls({ limit: 1, fields: ['id', 'employees'] })).result.data[0];
    assert.deepEqual(Object.keys(asked), ['id', 'employees']);
    assert.deepEqual(await problem({ fields: ['id', 'favourite_colour'] }), [-32602, 'unexpected_parameters']);
    assert.deepEqual(await problem({ surprise: 1 }), [-32602, 'unexpected_parameters']);
  });

  test('sort on sortable fields, asc or desc; others are sort_prohibited', async () => {
    const asc = (await calls({ sort: [{ field: 'start_time', order: 'asc' }], fields: ['start_time'] })).result.data.map((r: any) => r.start_time);
    assert.deepEqual(asc, [...asc].sort());
    const desc = (await calls({ sort: [{ field: 'start_time', order: 'desc' }], fields: ['start_time'] })).result.data.map((r: any) => r.start_time);
    assert.deepEqual(desc, [...asc].reverse());
    assert.deepEqual(await problem({ sort: [{ field: 'talk_duration', order: 'asc' }] }), [-32602, 'sort_prohibited']);
  });

  test('filters: operators and nested and/or trees; non-filterable fields are filter_prohibited', async () => {
    const all = (await calls({ fields: ['id', 'direction', 'is_lost', 'finish_reason', 'virtual_phone_number'] })).result.data as any[];
    const inbound = (await calls({ filter: { field: 'direction', operator: '=', value: 'in' }, fields: ['id'] })).result.data;
    assert.equal(inbound.length, all.filter((r) => r.direction === 'in').length);
    const ids = all.slice(0, 3).map((r) => r.id);
    assert.deepEqual((await calls({ filter: { field: 'id', operator: 'in', value: ids }, fields: ['id'] })).result.data.map((r: any) => r.id).sort(), [...ids].sort());
    const tree = {
      filters: [
        { field: 'direction', operator: '=', value: 'in' },
        { filters: [{ field: 'is_lost', operator: '=', value: true }, { field: 'finish_reason', operator: 'like', value: '%busy' }], condition: 'or' },
      ],
      condition: 'and',
    };
    const expected = all.filter((r) => r.direction === 'in' && (r.is_lost === true || /busy$/.test(r.finish_reason))).length;
    assert.equal((await calls({ filter: tree, fields: ['id'] })).result.data.length, expected);
    assert.ok(expected > 0);
    assert.equal((await calls({ filter: { field: 'id', operator: '>=', value: Math.max(...all.map((r) => r.id)) }, fields: ['id'] })).result.data.length, 1);
    assert.equal((await calls({ filter: { field: 'virtual_phone_number', operator: '!=', value: null }, fields: ['id'] })).result.data.length, all.filter((r) => r.virtual_phone_number !== null).length);
    assert.deepEqual(await problem({ filter: { field: 'contact_full_name', operator: '=', value: 'x' } }), [-32602, 'filter_prohibited']);
    assert.deepEqual(await problem({ filter: { field: 'id', operator: '~', value: 1 } }), [-32602, 'invalid_parameter_value']);
  });

  test('datetimes are wall times in the account zone, with no offset', async () => {
    const row = (await calls({ limit: 1, sort: [{ field: 'start_time', order: 'desc' }], fields: ['id', 'start_time'] })).result.data[0];
    assert.match(row.start_time, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const call = sim.dataSet.callsOf('callgear').find((c) => Number(c.id) === row.id)!;
    assert.equal(row.start_time, formatWall(call.start, ZONE));
  });
});

describe('legs and employees (seed 002, vendors.md §2.6–2.7)', () => {
  test('get.call_legs_report filters by call_session_id and carries the documented fields', async () => {
    const sessions = (await calls({ fields: ['id', 'is_transfer', 'call_records'] })).result.data as any[];
    const transfer = sessions.find((s) => s.is_transfer)!;
    const res = await rpc(sim.baseUrl, 'get.call_legs_report', { access_token: token, ...range(), filter: { field: 'call_session_id', operator: 'in', value: [transfer.id] } });
    const legs = res.result.data as any[];
    assert.ok(legs.length >= 3);
    assert.ok(legs.every((l) => l.call_session_id === transfer.id));
    assert.ok(legs.some((l) => l.is_transfered === true));
    for (const key of ['id', 'call_session_id', 'call_records', 'start_time', 'connect_time', 'duration', 'total_duration', 'finish_reason', 'calling_phone_number', 'called_phone_number', 'direction', 'is_transfered', 'is_operator', 'employee_id', 'is_failed']) assert.ok(key in legs[0], key);
    const recorded = sessions.find((s) => s.call_records.length > 0)!;
    const recLegs = (await rpc(sim.baseUrl, 'get.call_legs_report', { access_token: token, ...range(), filter: { field: 'call_session_id', operator: '=', value: recorded.id } })).result.data as any[];
    assert.deepEqual(recLegs.flatMap((l) => l.call_records), recorded.call_records, "the session's recordings are its legs'");
  });

  test('get.employees takes no dates, filters by id in [...], and omits deleted employees', async () => {
    const all = (await rpc(sim.baseUrl, 'get.employees', { access_token: token })).result.data as any[];
    const users = sim.dataSet.extensionsOf('callgear').filter((e) => e.kind === 'user');
    assert.equal(all.length, users.filter((u) => u.active).length);
    const deleted = users.find((u) => !u.active)!;
    const some = await rpc(sim.baseUrl, 'get.employees', { access_token: token, filter: { field: 'id', operator: 'in', value: [all[0].id, Number(deleted.id)] } });
    assert.deepEqual(some.result.data.map((e: any) => e.id), [all[0].id]);
    assert.equal(typeof all[0].extension.extension_phone_number, 'string');
    assert.deepEqual((await rpc(sim.baseUrl, 'get.employees', { access_token: token, date_from: '2026-01-01 00:00:00' })).error.data.mnemonic, 'unexpected_parameters');
  });
});

describe('limits, media and control (vendors.md §2.3, §2.8)', () => {
  test('points per minute: -32029 limit_exceeded with the documented message and limits in metadata', async () => {
    const tight = await startCg({ limits: { minuteLimit: 3, dayLimit: 100 } });
    try {
      for (let i = 0; i < 3; i++) assert.ok((await rpc(tight.baseUrl, 'get.employees', { access_token: token })).result);
      const over = await rpc(tight.baseUrl, 'get.employees', { access_token: token });
      assert.equal(over.error.code, -32029);
      assert.equal(over.error.data.mnemonic, 'limit_exceeded');
      assert.equal(over.error.message, 'Limit per minute has been exceeded. Value of current limit per minute is 3');
      assert.equal(over.error.data.metadata.limits.minute_remaining, 0);
      assert.ok(over.error.data.metadata.limits.minute_reset >= 1 && over.error.data.metadata.limits.minute_reset <= 60);
      assert.equal(tight.control.snapshot().routes['get.employees']!['-32029'], 1, 'JSON-RPC errors are counted by their code');
    } finally {
      await tight.stop();
    }
  });

  test('a talk record plays at the documented link shape, with Range', async () => {
    const row = ((await calls({ fields: ['communication_id', 'call_records', 'full_record_file_link'] })).result.data as any[]).find((r) => r.call_records.length > 0);
    const url = `${sim.mediaBaseUrl}/system/media/talk/${row.communication_id}/${row.call_records[0]}/`;
    const whole = await fetch(url);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('content-type'), 'audio/wav');
    const bytes = Buffer.from(await whole.arrayBuffer());
    assert.equal(bytes.subarray(0, 4).toString('ascii'), 'RIFF');
    const part = await fetch(url, { headers: { range: 'bytes=10-19' } });
    assert.equal(part.status, 206);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), bytes.subarray(10, 20));
    assert.equal((await fetch(row.full_record_file_link)).status, 200);
    assert.equal((await fetch(`${sim.mediaBaseUrl}/system/media/talk/${row.communication_id}/${'0'.repeat(32)}/`)).status, 404);
  });

  test('the control contract: stats by method, reset, faults in CallGear terms, appended calls', async () => {
    await fetch(`${sim.baseUrl}/__sandbox/reset`, { method: 'POST' });
    await calls({ limit: 1 });
    await rpc(sim.baseUrl, 'get.employees', { access_token: token });
    const stats = await (await fetch(`${sim.baseUrl}/__sandbox/stats`)).json();
    assert.deepEqual(stats, { total: 2, routes: { 'get.calls_report': { '200': 1 }, 'get.employees': { '200': 1 } } });
    const put = (body: object) => fetch(`${sim.baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await put({ rateLimitRate: 1 });
    const limited = await calls({ limit: 1 });
    assert.equal(limited.error.code, -32029);
    await put({ errorRate: 1 });
    const failed = await fetch(`${sim.baseUrl}/v2.0`, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'get.employees', params: { access_token: token } }) });
    assert.equal(failed.status, 500);
    assert.equal(((await failed.json()) as any).error.code, -32603);
    await put({ malformedRate: 1 });
    const text = await (await fetch(`${sim.baseUrl}/v2.0`, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'get.employees', params: { access_token: token } }) })).text();
    assertMalformedBody(text);
    await put({});
    const before = (await calls({ fields: ['id'] })).result.metadata.total_items;
    const added = { ids: await appendedIds(sim.baseUrl, { count: 3 }) };
    assert.equal(added.ids.length, 3);
    // Calls that started just now are still in progress: hidden unless ongoing calls are asked for (vendors.md §2.9).
    const window = { ...range(), date_till: formatWall(clock + 60_000, ZONE), fields: ['id', 'start_time'] };
    assert.equal((await calls(window)).result.metadata.total_items, before);
    const ongoing = await calls({ ...window, include_ongoing_calls: true });
    assert.equal(ongoing.result.metadata.total_items, before + 3);
    assert.equal((await calls({ ...window, include_ongoing_calls: 'yes' })).error.data.mnemonic, 'data_type_error');
    // Once they have ended they appear, starting well before the moment they became visible.
    const started = clock;
    clock += 3 * 3600_000;
    const later = await calls({ ...window, date_till: formatWall(clock, ZONE), sort: [{ field: 'start_time', order: 'desc' }], limit: 10 });
    assert.equal(later.result.metadata.total_items, before + 3);
    const shown = later.result.data.filter((row: { id: number }) => added.ids.includes(String(row.id)));
    assert.equal(shown.length, 3);
    for (const row of shown) assert.ok(row.start_time <= formatWall(started + 1000, ZONE), `${row.start_time} started before it was shown`);
    clock = started;
  });
});
