#!/usr/bin/env node
// The partner-sync figures (docs/partner-sync.md): the example client's initial sync per vendor (sessions per
// second, vendor requests per 1,000 sessions), an incremental run when nothing changed (vendor requests per
// account, sessions delivered again), and one after a few calls arrived late and changed (deliveries per change).
// Runs the sandbox (`dist/src/main.js`, 3,000 calls per vendor) and the client as separate processes.
'use strict';
const { execFile } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { startProcess, ROOT } = require('./support/processes');

const CALLS = Number(process.env['BENCH_CALLS'] ?? 3000);
const PORTS = { api: 4655, RINGCENTRAL: 4671, media: 4672, CALLGEAR: 4673, TELPHIN: 4674 };
const CLIENT = join(ROOT, 'dist', 'examples', 'partner-sync', 'src', 'main.js');
const FRESH_WAIT_MS = 11_000; // the feed re-reads an account only when its last read is older than 10 s
const OUT = process.env['BENCH_OUT'] ?? join(ROOT, 'docs', 'partner-sync.md');

const sim = (vendor) => `http://127.0.0.1:${PORTS[vendor]}`;
const stats = async (vendor) => (await (await fetch(`${sim(vendor)}/__sandbox/stats`)).json()).total;
const post = (url, body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
const patch = (url, body) => fetch(url, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function runClient(db, vendor) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    execFile(process.execPath, [CLIENT, '--url', `http://127.0.0.1:${PORTS.api}`, '--db', db, '--provider', vendor, '--quiet', '--first', '200'], { timeout: 600_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`the client failed: ${stderr}`));
      resolve({ ...JSON.parse(stdout.trim().split('\n').pop()), wallS: Number(process.hrtime.bigint() - started) / 1e9 });
    });
  });
}

async function measure(db, vendor) {
  const before = await stats(vendor);
  const run = await runClient(db, vendor);
  return { ...run, vendorRequests: (await stats(vendor)) - before };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-partner-sync-'));
  const env = {
    PORT: String(PORTS.api),
    CALLBRIDGE_SANDBOX_CALLS: String(CALLS),
    RINGCENTRAL_SIMULATOR_PORT: String(PORTS.RINGCENTRAL),
    RINGCENTRAL_MEDIA_PORT: String(PORTS.media),
    CALLGEAR_SIMULATOR_PORT: String(PORTS.CALLGEAR),
    TELPHIN_SIMULATOR_PORT: String(PORTS.TELPHIN),
  };
  const server = await startProcess('callbridge', 'dist/src/main.js', [], env, /Callbridge is listening/, [], 120_000);
  const vendors = ['RINGCENTRAL', 'CALLGEAR', 'TELPHIN'];
  const rows = [];
  try {
    for (const vendor of vendors) {
      const db = join(dir, `${vendor}.db`);
      const initial = await measure(db, vendor);
      rows.push({ vendor, db, initial });
      console.log(`${vendor}: initial ${initial.changes} sessions in ${initial.wallS.toFixed(1)} s, ${initial.vendorRequests} vendor requests`);
    }
    await new Promise((resolve) => setTimeout(resolve, FRESH_WAIT_MS));
    for (const row of rows) row.quiet = await measure(row.db, row.vendor);
    // Late and changed calls: five appended an hour late, and each of them given a longer duration afterwards.
    const late = {};
    for (const vendor of vendors) late[vendor] = (await post(`${sim(vendor)}/__sandbox/calls`, { count: 5, startedSecondsAgo: 3600 })).ids;
    await new Promise((resolve) => setTimeout(resolve, FRESH_WAIT_MS));
    for (const row of rows) row.late = await measure(row.db, row.vendor);
    for (const vendor of vendors) for (const id of late[vendor]) await patch(`${sim(vendor)}/__sandbox/calls/${encodeURIComponent(id)}`, { extendSeconds: 60 });
    await new Promise((resolve) => setTimeout(resolve, FRESH_WAIT_MS));
    for (const row of rows) row.changed = await measure(row.db, row.vendor);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const lines = [
    `Measured by \`node bench/partner-sync.js\` on ${new Date().toISOString().slice(0, 10)} (this 2-core machine, the sandbox with ${CALLS} calls per vendor, the example client with \`--first 200\`, one vendor per run, recordings selected; simulators answer at once, so the figures are Callbridge's and the client's own cost, not a vendor's latency):`,
    '',
    '| vendor | initial sync: sessions | sessions / s | vendor requests per 1,000 sessions | nothing changed: vendor requests, sessions delivered | 5 late calls: requests, delivered | the same 5 changed: requests, delivered |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.vendor} | ${r.initial.changes} | ${(r.initial.changes / r.initial.wallS).toFixed(0)} | ${((r.initial.vendorRequests * 1000) / r.initial.changes).toFixed(1)} | ${r.quiet.vendorRequests}, ${r.quiet.changes} | ${r.late.vendorRequests}, ${r.late.changes} | ${r.changed.vendorRequests}, ${r.changed.changes} |`),
  ];
  const table = lines.join('\n');
  console.log(`\n${table}`);
  const doc = readFileSync(OUT, 'utf8');
  const begin = '<!-- bench/partner-sync.js: begin -->';
  const end = '<!-- bench/partner-sync.js: end -->';
  if (doc.includes(begin) && doc.includes(end)) writeFileSync(OUT, `${doc.slice(0, doc.indexOf(begin) + begin.length)}\n${table}\n${doc.slice(doc.indexOf(end))}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
