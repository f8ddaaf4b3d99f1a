import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CallLogLedger } from '../../src/app-connect/call-log-ledger';

const LEDGER = join(__dirname, '..', '..', 'src', 'app-connect', 'call-log-ledger.js');
const key = (n: number) => ({ tenant: 't1', sessionId: `s-${n}`, connector: 'crm' });

function withLedger(run: (path: string) => Promise<void> | void) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    try {
      await run(join(dir, 'ledger.db'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('a reservation is held once; a logged call stays logged; a failed one waits for its retry', withLedger((path) => {
  const ledger = new CallLogLedger(path);
  try {
    const T = 1_000_000;
    assert.deepEqual(ledger.reserve(key(1), 'a', T, 30_000), { kind: 'unknown' }, 'nothing wanted, nothing to do');
    ledger.want(key(1), () => ({ payload: '{"v":1}', fingerprint: 'v1' }), T);
    assert.equal(ledger.reserve(key(1), 'a', T, 30_000).kind, 'create');
    assert.deepEqual(ledger.reserve(key(1), 'b', T + 1, 30_000), { kind: 'busy', until: T + 30_000 }, 'another caller waits');
    assert.equal(ledger.complete(key(1), 'b', 'crm-9', 'v1', T + 2), false, 'only the holder records the answer');
    assert.equal(ledger.complete(key(1), 'a', 'crm-1', 'v1', T + 2), true);
    assert.deepEqual(ledger.reserve(key(1), 'c', T + 3, 30_000), { kind: 'logged', logId: 'crm-1' }, 'never created twice');
    assert.deepEqual(ledger.due(T + 3, 10), [], 'a log that says what is wanted is not due');

    ledger.want(key(2), () => ({ payload: '{}', fingerprint: 'v1' }), T);
    assert.equal(ledger.reserve(key(2), 'a', T, 30_000).kind, 'create');
    assert.equal(ledger.fail(key(2), 'a', 'CRM answered 503', T + 60_000, T + 1), true);
    assert.deepEqual(ledger.reserve(key(2), 'b', T + 2, 30_000), { kind: 'busy', until: T + 60_000 }, 'a failed attempt waits for its retry');
    ledger.want(key(2), () => ({ payload: '{}', fingerprint: 'v2' }), T + 3);
    assert.equal(ledger.entry(key(2))!.retryAt, T + 60_000, 'a new want keeps the backoff');
    assert.deepEqual(ledger.due(T + 60_000, 10).map((e) => [e.sessionId, e.state, e.attempts, e.lastError]), [['s-2', 'pending', 1, 'CRM answered 503']]);
    const retried = ledger.reserve(key(2), 'b', T + 60_000, 30_000);
    assert.ok(retried.kind === 'create' && retried.recovering && retried.entry.attempts === 1, 'a creation after a failed one asks the CRM first');
    const forced = ledger.reserve(key(2), 'b', T + 60_001, 30_000, true);
    assert.equal(forced.kind, 'create', 'the holder may take its own entry again');
  } finally {
    ledger.close();
  }
}));

test('a changed want makes a logged call due for an update; an update that raced a newer want leaves it due', withLedger((path) => {
  const ledger = new CallLogLedger(path);
  try {
    const T = 3_000_000;
    ledger.want(key(5), () => ({ payload: '{"d":10}', fingerprint: 'd10' }), T);
    assert.equal(ledger.reserve(key(5), 'a', T, 30_000).kind, 'create');
    ledger.complete(key(5), 'a', 'crm-5', 'd10', T + 1);
    ledger.want(key(5), () => ({ payload: '{"d":10}', fingerprint: 'd10' }), T + 2);
    assert.deepEqual(ledger.due(T + 2, 10), [], 'the same want again is not work');
    ledger.want(key(5), () => ({ payload: '{"d":40}', fingerprint: 'd40' }), T + 3);
    assert.deepEqual(ledger.due(T + 3, 10).map((e) => e.sessionId), ['s-5']);
    const update = ledger.reserve(key(5), 'b', T + 3, 30_000);
    assert.ok(update.kind === 'update' && update.logId === 'crm-5' && update.entry.wanted === 'd40');
    ledger.want(key(5), () => ({ payload: '{"d":70}', fingerprint: 'd70' }), T + 4);
    ledger.complete(key(5), 'b', 'crm-5', 'd40', T + 5);
    assert.equal(ledger.entry(key(5))!.retryAt, T + 5, 'what arrived during the update is still due');
    assert.equal(ledger.reserve(key(5), 'c', T + 5, 30_000).kind, 'update');
    ledger.complete(key(5), 'c', 'crm-5', 'd70', T + 6);
    assert.deepEqual(ledger.counts('t1', 'crm'), { logged: 1, pending: 0, failing: 0 });
    ledger.want(key(5), (previous) => ({ payload: JSON.stringify({ ...JSON.parse(previous!), note: 'kept' }), fingerprint: 'd70n' }), T + 7);
    ledger.want(key(5), (previous) => ({ payload: JSON.stringify({ ...JSON.parse(previous!), d: 71 }), fingerprint: 'd71n' }), T + 8);
    assert.deepEqual(JSON.parse(ledger.entry(key(5))!.payload), { d: 71, note: 'kept' }, 'a want builds on the one before');
  } finally {
    ledger.close();
  }
}));

test('a position commits with the wants of its page, in one transaction', withLedger((path) => {
  const ledger = new CallLogLedger(path);
  try {
    assert.equal(ledger.position('feed'), null);
    ledger.wantAll([{ key: key(7), make: () => ({ payload: '{}', fingerprint: 'f' }) }, { key: key(8), make: () => ({ payload: '{}', fingerprint: 'f' }) }], { name: 'feed', value: 'cp-1' }, 10);
    assert.equal(ledger.position('feed'), 'cp-1');
    assert.deepEqual(ledger.due(10, 10).map((e) => e.sessionId).sort(), ['s-7', 's-8']);
    // Another tenant's connector of the same name is its own work: a tenant's due list never fills up with it.
    for (let n = 0; n < 5; n++) ledger.want({ tenant: 't2', sessionId: `o-${n}`, connector: 'crm' }, () => ({ payload: '{}', fingerprint: 'f' }), 5);
    assert.deepEqual(ledger.due(10, 2, { tenant: 't1', connector: 'crm' }).map((e) => e.sessionId).sort(), ['s-7', 's-8']);
    assert.equal(ledger.due(10, 10, { tenant: 't2', connector: 'crm' }).length, 5);
    assert.deepEqual(ledger.counts('t1', 'crm'), { logged: 0, pending: 2, failing: 0 });
  } finally {
    ledger.close();
  }
}));

test('a holder that died before recording its answer leaves the next one recovering (ask the CRM first)', withLedger((path) => {
  const first = new CallLogLedger(path);
  const T = 2_000_000;
  first.want(key(3), () => ({ payload: '{}', fingerprint: 'v' }), T);
  assert.equal(first.reserve(key(3), 'dead', T, 30_000).kind, 'create');
  first.close();
  const second = new CallLogLedger(path);
  try {
    assert.deepEqual(second.due(T + 29_999, 10), [], 'held while its lease runs');
    assert.deepEqual(second.due(T + 30_000, 10).map((e) => e.sessionId), ['s-3'], 'its lease ran out: due');
    const taken = second.reserve(key(3), 'alive', T + 30_000, 30_000);
    assert.ok(taken.kind === 'create' && taken.recovering);
    assert.equal(second.complete(key(3), 'dead', 'crm-x', 'v', T + 30_001), false, 'the dead holder cannot record over it');
  } finally {
    second.close();
  }
}));

test('processes sharing the file reserve each call exactly once', withLedger(async (path) => {
  new CallLogLedger(path).close();
  // Four processes race for the same 300 calls, each under its own holder name, all starting at the same moment.
  const CALLS = 300;
  const startAt = Date.now() + 1500;
  const worker = `
    const { CallLogLedger } = require(${JSON.stringify(LEDGER)});
    const ledger = new CallLogLedger(${JSON.stringify(path)});
    const won = [];
    while (Date.now() < ${startAt}) {}
    for (let n = 0; n < ${CALLS}; n++) ledger.want({ tenant: 't1', sessionId: 's-' + n, connector: 'crm' }, () => ({ payload: '{}', fingerprint: 'f' }), Date.now());
    for (let n = 0; n < ${CALLS}; n++) if (ledger.reserve({ tenant: 't1', sessionId: 's-' + n, connector: 'crm' }, process.argv[1], Date.now(), 60000).kind === 'create') won.push(n);
    ledger.close();
    console.log(JSON.stringify(won));`;
  const runs = await Promise.all(
    ['p1', 'p2', 'p3', 'p4'].map(
      (holder) =>
        new Promise<number[]>((resolve, reject) => {
          const child = spawn(process.execPath, ['-e', worker, holder], { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (chunk) => (out += chunk));
          child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`worker exited ${code}`))));
        }),
    ),
  );
  const wins = runs.flat().sort((a, b) => a - b);
  assert.deepEqual(wins, Array.from({ length: CALLS }, (_, n) => n), 'every call reserved by exactly one process, and no process refused by a busy file');
}));
