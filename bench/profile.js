#!/usr/bin/env node
// Where a warm page's CPU goes: Callbridge under `node --cpu-prof` serving the warm 50-row page with legs at
// 50 connections for BENCH_SECONDS (default 10), then the top functions by self time and the share of a few
// inclusive subtrees. Run `npm run build` first: `node bench/profile.js [out.md]`.
'use strict';
const { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { startEnvironment, QUERIES, pastWindow, post } = require('./run');
const { load, pageCheck } = require('./support/load');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'callbridge-profile-'));
  const processes = [];
  try {
    const env = await startEnvironment(work, processes, ['--cpu-prof', '--cpu-prof-dir', work]);
    const body = JSON.stringify({ query: QUERIES.WarmLegs, variables: { filter: pastWindow(2, 10) } });
    await post(env.url, QUERIES.WarmLegs, { filter: pastWindow(2, 10) });
    const run = await load({ url: env.url, pid: env.callbridge.pid, seconds: SECONDS, body: () => body, check: pageCheck(50) });
    await Promise.all(processes.map((p) => p.stop()));
    const file = readdirSync(work).find((f) => f.endsWith('.cpuprofile'));
    const text = summarize(JSON.parse(readFileSync(join(work, file), 'utf8')), run);
    console.log(text);
    if (process.argv[2]) writeFileSync(process.argv[2], text);
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
  const lines = [`${Math.round(run.rps)} req/s, ${run.cpuMsPerRequest.toFixed(2)} ms CPU per request, ${total} samples`, '', '| self % | function |', '|---|---|'];
  for (const [key, count] of top) lines.push(`| ${((100 * count) / total).toFixed(1)} | \`${key}\` |`);
  return lines.join('\n');
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exit(1);
});
