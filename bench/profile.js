#!/usr/bin/env node
// Where a page's CPU goes: Callbridge under `node --cpu-prof` serving the warm 50-row page with legs at
// 50 connections for BENCH_SECONDS (default 10), or with `cold` 40 cold pages one at a time (each a window of
// its own), then the top functions by self time. Run `npm run build` first:
// `node bench/profile.js [warm|first|cold] [out.md]` (first: the unfiltered first page).
'use strict';
const { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { startEnvironment, QUERIES, pastWindow, post } = require('./run');
const { load, pageCheck } = require('./support/load');
const { cpuMs } = require('./support/processes');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MODE = process.argv[2] ?? 'warm';

async function warmRun(env) {
  // `first`: the unfiltered first page (its window ends now, rounded); `warm`: a fixed window in the past.
  const [query, variables] = MODE === 'first' ? [QUERIES.FirstPage, {}] : [QUERIES.WarmLegs, { filter: pastWindow(2, 10) }];
  const body = JSON.stringify({ query, variables });
  await post(env.url, query, variables);
  return load({ url: env.url, pid: env.callbridge.pid, seconds: SECONDS, body: () => body, check: pageCheck(50) });
}

async function coldRun(env, count = 40) {
  const cpuBefore = cpuMs(env.callbridge.pid);
  for (let i = 0; i < count; i++) {
    const to = Date.now() - 3 * 3600_000 - i * 97_000;
    const data = await post(env.url, QUERIES.ColdLegs, { filter: { from: new Date(to - 3 * 86_400_000).toISOString(), to: new Date(to).toISOString() } });
    if (data.callSessions.edges.length !== 50) throw new Error('short cold page');
  }
  return { rps: NaN, cpuMsPerRequest: (cpuMs(env.callbridge.pid) - cpuBefore) / count };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'callbridge-profile-'));
  const processes = [];
  try {
    const env = await startEnvironment(work, processes, ['--cpu-prof', '--cpu-prof-dir', work]);
    const run = MODE === 'cold' ? await coldRun(env) : await warmRun(env);
    await Promise.all(processes.map((p) => p.stop()));
    const file = readdirSync(work).find((f) => f.endsWith('.cpuprofile'));
    const profile = JSON.parse(readFileSync(join(work, file), 'utf8'));
    if (process.env.BENCH_PROFILE_KEEP) writeFileSync(process.env.BENCH_PROFILE_KEEP, JSON.stringify(profile));
    const text = summarize(profile, run);
    console.log(text);
    if (process.argv[3]) writeFileSync(process.argv[3], text);
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    rmSync(work, { recursive: true, force: true });
  }
}

/** The top 10 functions by self time, and the inclusive share of named subtrees. */
function summarize(profile, run) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
  const total = profile.samples.length;
  const label = (n) => {
    const f = n.callFrame;
    const where = f.url ? `${f.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'} ${where}`.trim();
  };
  const selfByLabel = new Map();
  for (const [id, count] of self) {
    const key = label(byId.get(id));
    selfByLabel.set(key, (selfByLabel.get(key) ?? 0) + count);
  }
  const top = [...selfByLabel.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  const lines = [`${MODE} pages: ${Number.isFinite(run.rps) ? `${Math.round(run.rps)} req/s, ` : ''}${run.cpuMsPerRequest.toFixed(2)} ms CPU per request, ${total} samples`, '', '| self % | function |', '|---|---|'];
  for (const [key, count] of top) lines.push(`| ${((100 * count) / total).toFixed(1)} | \`${key}\` |`);
  return lines.join('\n');
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exit(1);
});
