import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SeededRandom } from '../../src/sandbox/dataset/random';
import Database from 'better-sqlite3';
import { print } from 'graphql';
import { spokenDuration } from '../../src/app-connect/note-composer';
import { startSandboxEnvironment } from '../../src/sandbox/sandbox-environment';
import { LogCallDocument, RingCentralRecordsDocument, RingCentralRecordsQuery } from '../generated/graphql';
import { appendedIds, changeCall } from '../support/sandbox-calls';
import { setCrmFaults } from '../support/crm';
import { TEST_SIGNING_SECRET } from '../support/test-server';

const MAIN = join(__dirname, '..', '..', 'src', 'main.js');


interface Child {
  readonly process: ChildProcess;
  readonly url: Promise<string>;
  readonly exited: Promise<void>;
}

/** Callbridge in a process of its own, on a free port, with the test's configuration file. */
function startCallbridge(configPath: string): Child {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, CALLBRIDGE_CONFIG: configPath, PORT: '0', CALLBRIDGE_LOG: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /GraphQL API:\s+(http:\/\/\S+)\/graphql/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', () => reject(new Error(`Callbridge exited before it listened: ${out}`)));
  });
  url.catch(() => undefined);
  child.stderr!.on('data', () => undefined);
  return { process: child, url, exited: new Promise((resolve) => child.on('exit', () => resolve())) };
}

async function gql<T>(url: string, document: Parameters<typeof print>[0], variables: object): Promise<{ data?: T; errors?: Array<{ extensions?: Record<string, unknown> }> }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: print(document), variables }) });
  return (await res.json()) as { data?: T; errors?: Array<{ extensions?: Record<string, unknown> }> };
}

type Node = RingCentralRecordsQuery['callSessions']['edges'][number]['node'];

/** Every session as Callbridge reads it from the vendors now, as RingCentral records. */
async function vendorsNow(url: string): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const answer: { data?: RingCentralRecordsQuery; errors?: unknown } = await gql<RingCentralRecordsQuery>(url, RingCentralRecordsDocument, { after });
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    nodes.push(...answer.data!.callSessions.edges.map((e) => e.node));
    if (!answer.data!.callSessions.pageInfo.hasNextPage) return nodes;
    after = answer.data!.callSessions.pageInfo.endCursor!;
  }
  throw new Error('the walk did not end');
}

test('server-side logging under CRM 5xx, 429, hangs and lost answers, with concurrent logCalls and the process killed at random: one activity per session, with its composed note and every later change', async () => {
  const seed = Number(process.env['APP_CONNECT_SEED'] ?? Date.now() % 100_000);
  // The data set's own generator, so that a failing run can be replayed with its seed.
  const generator = new SeededRandom(seed);
  const random = (): number => generator.next();
  const dir = mkdtempSync(join(tmpdir(), 'server-side-logging-'));
  const sandbox = await startSandboxEnvironment({ env: { CALLBRIDGE_SIGNING_SECRET: TEST_SIGNING_SECRET, CALLBRIDGE_SANDBOX_CALLS: '40' }, freePorts: true, crm: true });
  const crm = sandbox.crm!;
  const ledgerPath = join(dir, 'ledger.db');
  const configPath = join(dir, 'callbridge.json');
  const [connector] = sandbox.config.appConnect.connectors;
  writeFileSync(
    configPath,
    JSON.stringify({
      ...sandbox.config,
      // Hung CRM and vendor requests give up after a second; failed logs are tried again within seconds; the feed is caught up when read within a second.
      upstream: { ...sandbox.config.upstream, timeoutMs: 1000, breakerHalfOpenSeconds: 0.5 },
      changes: { ...sandbox.config.changes, freshSeconds: 1 },
      limits: { ...sandbox.config.limits, tenantRequestsPerMinute: 100_000, keyRequestsPerMinute: 100_000 },
      appConnect: {
        ...sandbox.config.appConnect,
        ledgerPath,
        retryBaseSeconds: 0.2,
        retryMaxSeconds: 2,
        connectors: [{ ...connector, timeoutMs: 1000, serverSideLogging: { since: new Date(Date.now() - 31 * 86_400_000).toISOString(), pollSeconds: 0.3, concurrency: 4, maxLogsPerSecond: 50 } }],
      },
    }),
  );
  const bases = sandbox.simulators.map((s) => s.running.baseUrl);
  const appended: string[][] = bases.map(() => []);
  const notes = new Map<string, Set<string>>();
  const log: string[] = [];
  let kills = 0;
  let changed = 0;
  let logCalls = 0;
  let child: Child | null = null;
  try {
    for (let round = 0; round < 8; round++) {
      // Between runs: late calls, and the final figures or a recording of calls logged before.
      for (const [i, base] of bases.entries()) {
        const added = await appendedIds(base, { count: 1 + Math.floor(random() * 2), startedSecondsAgo: 1200 + Math.floor(random() * 6000) });
        log.push(`r${round} append ${added.join(',')}`);
        appended[i]!.push(...added);
        // RingCentral tells of a change to any call (its Call Log Sync); CallGear and Telphin only within the feed's lookback (docs/partner-sync.md).
        const pool = i === 0 ? sandbox.dataSet.callsOf(sandbox.simulators[0]!.module.vendor).map((c) => c.id) : appended[i]!;
        const target = { id: pool[Math.floor(random() * pool.length)]! };
        if ((await changeCall(base, target.id, { extendSeconds: 30 + Math.floor(random() * 300), addRecording: random() < 0.5 })).status === 200) {
          changed += 1;
          log.push(`r${round} change ${target.id}`);
        }
      }
      const faulty = random() < 0.8;
      await setCrmFaults(crm, faulty ? { errorRate: 0.15, rateLimitRate: 0.1, hangRate: 0.03 } : {});
      crm.setLostAnswerRate(faulty ? 0.05 : 0);
      child = startCallbridge(configPath);
      const url = await child.url;
      // A person logs a few calls by hand meanwhile, each twice at once with different notes.
      const people = (async () => {
        const some = (await vendorsNow(url).catch(() => [] as Node[])).filter(() => random() < 0.05).slice(0, 4);
        await Promise.all(
          some.flatMap((node) =>
            ['first', 'second'].map(async (which) => {
              const note = `r${round} ${which} note`;
              // Sent is enough to be applied: a request the kill cut short may have reached the ledger.
              (notes.get(node.id) ?? notes.set(node.id, new Set()).get(node.id)!).add(note);
              await gql(url, LogCallDocument, { sessionId: node.id, connector: connector!.name, note }).catch(() => null);
              logCalls += 1;
            }),
          ),
        );
      })();
      const killAfter = 200 + Math.floor(random() * 2500);
      await new Promise((resolve) => setTimeout(resolve, killAfter));
      child.process.kill('SIGKILL');
      kills += 1;
      await child.exited;
      await people;
      child = null;
    }
    await setCrmFaults(crm, {});
    crm.setLostAnswerRate(0);
    child = startCallbridge(configPath);
    const url = await child.url;
    // The last run goes on until the ledger has nothing left to do and every session of the vendors has its activity.
    let truth: Node[] = [];
    let pending = -1;
    for (let wait = 0; wait < 120; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const db = new Database(ledgerPath, { readonly: true });
      pending = (db.prepare('SELECT COUNT(*) AS n FROM call_logs WHERE retry_at IS NOT NULL').get() as { n: number }).n;
      db.close();
      truth = await vendorsNow(url);
      const shown = new Map(crm.activities().map((a) => [a.call_session_id, a.note ?? '']));
      const behind = truth.filter((n) => !shown.get(n.id)?.includes(`<b>Duration</b>: ${spokenDuration((n.ringCentralRecord as { duration: number }).duration)}<`));
      if (pending === 0 && behind.length === 0) break;
    }
    assert.equal(pending, 0, `seed ${seed}: the ledger still has work`);

    const activities = crm.activities();
    const bySession = new Map<string, typeof activities>();
    for (const a of activities) bySession.set(a.call_session_id!, [...(bySession.get(a.call_session_id!) ?? []), a]);
    const twice = [...bySession].filter(([, list]) => list.length > 1).map(([id]) => id);
    const missing = truth.filter((n) => !bySession.has(n.id)).map((n) => n.id);
    assert.deepEqual({ twice, missing }, { twice: [], missing: [] }, `seed ${seed}: one activity per session`);
    assert.equal(activities.length, truth.length, `seed ${seed}: no activity for a session the vendors do not have`);

    const db = new Database(ledgerPath, { readonly: true });
    const ledgerNotes = new Map((db.prepare('SELECT session_id, payload FROM call_logs').all() as Array<{ session_id: string; payload: string }>).map((r) => [r.session_id, (JSON.parse(r.payload) as { note: string | null }).note]));
    db.close();
    for (const node of truth) {
      const record = node.ringCentralRecord as { duration: number; result: string; recording?: { id: string } };
      const [activity] = bySession.get(node.id)!;
      const note = activity!.note!;
      const where = `seed ${seed}: ${node.id}`;
      // HTML, App Connect's default settings and the sandbox's own: every section once, saying what the vendor says now.
      assert.equal(note.split('<li><b>Duration</b>:').length, 2, `${where}: one duration section\n${note}`);
      assert.ok(note.includes(`<li><b>Duration</b>: ${spokenDuration(record.duration)}</li>`), `${where}: duration ${record.duration}\n${note}`);
      assert.ok(note.includes(`<li><b>Result</b>: ${record.result}</li>`), `${where}: result\n${note}`);
      assert.ok(note.includes(`<li><b>Session Id</b>: ${node.id}</li>`), `${where}: session id`);
      assert.equal(note.includes('<li><b>Call recording link</b>'), record.recording !== undefined, `${where}: recording link iff a recording\n${note}`);
      assert.equal(activity!.duration, `${String(Math.floor(Math.round(record.duration / 60) / 60)).padStart(2, '0')}:${String(Math.round(record.duration / 60) % 60).padStart(2, '0')}`, `${where}: the activity's own duration`);
      const given = notes.get(node.id);
      const kept = ledgerNotes.get(node.id) ?? null;
      if (kept !== null) {
        assert.ok(given?.has(kept), `${where}: the note is one a person gave`);
        assert.ok(note.includes(kept), `${where}: the agent's note is in the activity\n${note}`);
      }
    }
    console.log(`# server-side logging (seed ${seed}): ${truth.length} sessions, ${activities.length} activities, ${kills} kills, ${changed} changes, ${logCalls} logCalls, CRM ${JSON.stringify((await (await fetch(`${crm.baseUrl}/__sandbox/stats`)).json() as { total: number }).total)} requests`);
  } finally {
    child?.process.kill('SIGKILL');
    await child?.exited;
    await setCrmFaults(crm, {});
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
