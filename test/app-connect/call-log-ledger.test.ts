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
    assert.equal(ledger.reserve(key(1), 'a', T, 30_000).kind, 'reserved');
    assert.deepEqual(ledger.reserve(key(1), 'b', T + 1, 30_000), { kind: 'busy', until: T + 30_000 }, 'another caller waits');
    assert.equal(ledger.complete(key(1), 'b', 'crm-9', T + 2), false, 'only the holder records the answer');
    assert.equal(ledger.complete(key(1), 'a', 'crm-1', T + 2), true);
    assert.deepEqual(ledger.reserve(key(1), 'c', T + 3, 30_000), { kind: 'logged', logId: 'crm-1' }, 'never created twice');

    assert.equal(ledger.reserve(key(2), 'a', T, 30_000).kind, 'reserved');
    assert.equal(ledger.fail(key(2), 'a', 'CRM answered 503', T + 60_000, T + 1), true);
    assert.deepEqual(ledger.reserve(key(2), 'b', T + 2, 30_000), { kind: 'busy', until: T + 60_000 });
    assert.deepEqual(ledger.due(T + 60_000, 10).map((e) => [e.sessionId, e.state, e.attempts, e.lastError]), [['s-2', 'failed', 1, 'CRM answered 503']]);
    const retried = ledger.reserve(key(2), 'b', T + 60_000, 30_000);
    assert.ok(retried.kind === 'reserved' && !retried.recovering && retried.entry.attempts === 1);
  } finally {
    ledger.close();
  }
}));

test('a holder that died before recording its answer leaves the next one recovering (ask the CRM first)', withLedger((path) => {
  const first = new CallLogLedger(path);
  const T = 2_000_000;
  assert.equal(first.reserve(key(3), 'dead', T, 30_000).kind, 'reserved');
  first.close();
  const second = new CallLogLedger(path);
  try {
    assert.deepEqual(second.due(T + 30_000, 10).map((e) => e.sessionId), ['s-3'], 'its lease ran out: due');
    const taken = second.reserve(key(3), 'alive', T + 30_000, 30_000);
    assert.ok(taken.kind === 'reserved' && taken.recovering);
    assert.equal(second.complete(key(3), 'dead', 'crm-x', T + 30_001), false, 'the dead holder cannot record over it');
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
    for (let n = 0; n < ${CALLS}; n++) if (ledger.reserve({ tenant: 't1', sessionId: 's-' + n, connector: 'crm' }, process.argv[1], Date.now(), 60000).kind === 'reserved') won.push(n);
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
