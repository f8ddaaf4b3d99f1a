#!/usr/bin/env node
// Fair use of a shared vendor account, measured (the hardening issue's acceptance; not part of `npm test`):
// 1. A quiet tenant's page latency, median and p99, alone and beside a flooding tenant on the same RingCentral
//    account (the flood: as many concurrent requests as its tenant limit allows, plus over-limit ones).
// 2. The largest request the limits admit: its vendor requests and the heap it takes.
// Run `npm run build` first, then `node --expose-gc bench/fair-use.js [seconds per phase]`. Loopback only;
// every loop is bounded in time and count. Prints a Markdown report (docs/benchmarks.md keeps the last one).
'use strict';
process.env.CALLBRIDGE_LOG = 'silent';
const { join } = require('node:path');
const dist = (p) => require(join(__dirname, '..', 'dist', 'src', p));
const { startSandboxEnvironment } = dist('sandbox/sandbox-environment');
const { parseConfig } = dist('config/load-config');
const { buildRuntime } = dist('app/runtime');
const { startServer } = dist('server/app');

const PHASE_SECONDS = Number(process.argv[2] ?? 30);
const QUIET_KEY = 'sandbox-ringcentral-key';
const FLOOD_KEY = 'sandbox-demo-key';
const MAX_REQUESTS = 20_000;

async function start() {
  // A RingCentral app allowed 60 Heavy requests a minute (limits "vary among apps"): Callbridge keeps 48 of them
  // (12 every 15 s), so the quiet tenant's one page every 3 s is well inside its fair share.
  const sandbox = await startSandboxEnvironment({
    env: { CALLBRIDGE_SIGNING_SECRET: 'bench-signing-secret-bench-signing-secret', CALLBRIDGE_SANDBOX_CALLS: '3000', CALLBRIDGE_LOG: 'silent' },
    freePorts: true,
    simulators: { ringcentral: { rateLimits: { Heavy: { limit: 60, windowSeconds: 60, penaltySeconds: 60 } } } },
  });
  // The account's plan says the same 60 a minute (the sandbox's accounts are generous otherwise).
  const accounts = sandbox.config.accounts.map((a) => (a.provider === 'RINGCENTRAL' ? { ...a, rateLimits: { ...a.rateLimits, Heavy: [{ limit: 60, windowSeconds: 60 }] } } : a));
  const config = parseConfig({ ...sandbox.config, accounts, upstream: { ...sandbox.config.upstream, listPageTtlSeconds: 0 } });
  const runtime = buildRuntime(config, {});
  const server = await startServer(runtime, 0);
  return { sandbox, runtime, server };
}

async function post(url, key, query, variables) {
  const started = performance.now();
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  return { status: res.status, ms: performance.now() - started, body };
}

const PAGE = 'query Page($from: DateTime) { callSessions(first: 10, filter: { providers: [RINGCENTRAL], from: $from }) { edges { node { id } } } }';
let windowSerial = 0;
/** A window of its own for every request: no page is shared or kept, each costs the vendor. */
const freshFrom = () => new Date(Date.now() - (2 + (windowSerial++ % 300)) * 86_400_000 - windowSerial * 1000).toISOString();

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The quiet tenant: one page every 3 s for the phase; latencies in ms. */
async function quietTenant(url, seconds) {
  const latencies = [];
  const errors = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end && latencies.length < MAX_REQUESTS) {
    const tick = Date.now();
    const answer = await post(url, QUIET_KEY, PAGE, { from: freshFrom() });
    latencies.push(answer.ms);
    if (answer.status !== 200 || answer.body.errors) errors.push(answer.body.errors?.[0]?.extensions?.code ?? answer.status);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 3000 - (Date.now() - tick))));
  }
  return { latencies, errors };
}

/** The flooding tenant: 24 workers (its limit is 16 in progress), each sending distinct pages back to back. */
async function flood(url, until) {
  const counts = { served: 0, refusedAtEdge: 0, rateLimited: 0, other: 0, otherCodes: new Set() };
  let sent = 0;
  const worker = async () => {
    while (Date.now() < until && sent < MAX_REQUESTS) {
      sent += 1;
      const answer = await post(url, FLOOD_KEY, PAGE, { from: freshFrom() });
      if (answer.status === 429) counts.refusedAtEdge += 1;
      else if (answer.body.errors?.some((e) => e.extensions?.code === 'RATE_LIMITED')) counts.rateLimited += 1;
      else if (answer.body.errors) {
        counts.other += 1;
        counts.otherCodes.add(answer.body.errors[0]?.extensions?.code);
      }
      else counts.served += 1;
      if (answer.status === 429) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await Promise.all(Array.from({ length: 24 }, worker));
  return counts;
}

async function largestRequest(url, runtime) {
  // Three pages of 100 with legs (and their extensions) and recordings over three accounts: estimated 144 vendor
  // requests (limit 150) and 300 rows (limit 300), the largest such shape the default limits admit. (A
  // recording's duration would add a RingCentral metadata read per row: 300 more.)
  const fields = [0, 1, 2].map((i) => `p${i}: callSessions(first: 100, filter: { from: "${new Date(Date.now() - (i + 3) * 86_400_000).toISOString()}" }) { edges { node { id startTime direction result from { phoneNumber name } to { phoneNumber name } legs { legType role result extension { name } recording { id } } recordings { url } } } }`);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const vendorBefore = runtime.upstreamRequests.total({});
  const answer = await post(url, FLOOD_KEY, `{ ${fields.join(' ')} }`);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const bytes = Buffer.byteLength(JSON.stringify(answer.body));
  return {
    status: answer.status,
    errors: (answer.body.errors ?? []).map((e) => e.extensions?.code),
    estimated: answer.body.extensions?.cost?.estimatedVendorRequests,
    vendorRequests: runtime.upstreamRequests.total({}) - vendorBefore,
    rows: [0, 1, 2].reduce((n, i) => n + (answer.body.data?.[`p${i}`]?.edges.length ?? 0), 0),
    answerKB: Math.round(bytes / 1024),
    heapGrowthMB: ((peak - before) / 1024 / 1024).toFixed(1),
    ms: Math.round(answer.ms),
  };
}

async function main() {
  const { sandbox, runtime, server } = await start();
  try {
    // Warm up: tokens, directories.
    await post(server.url, QUIET_KEY, PAGE, { from: freshFrom() });
    const alone = await quietTenant(server.url, PHASE_SECONDS);
    const until = Date.now() + PHASE_SECONDS * 1000;
    const vendorBefore = runtime.upstreamRequests.total({});
    const [beside, floodCounts] = await Promise.all([quietTenant(server.url, PHASE_SECONDS), flood(server.url, until)]);
    const vendorDuringFlood = runtime.upstreamRequests.total({}) - vendorBefore;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const largest = await largestRequest(server.url, runtime);
    const row = (name, r) => `| ${name} | ${r.latencies.length} | ${percentile(r.latencies, 50).toFixed(0)} | ${percentile(r.latencies, 99).toFixed(0)} | ${r.errors.length ? r.errors.join(', ') : 'none'} |`;
    console.log(`## Fair use (bench/fair-use.js, ${new Date().toISOString().slice(0, 10)}, ${PHASE_SECONDS} s per phase)\n`);
    console.log('A quiet tenant (one RingCentral page every 3 s, each a window of its own) beside a flooding tenant on the same RingCentral account (24 workers sending distinct pages back to back; its limits: 16 requests in progress, 300 a minute). RingCentral app limit and account plan: 60 Heavy requests a minute (Callbridge spends at most 12 every 15 s).\n');
    console.log('| quiet tenant | pages | median ms | p99 ms | errors |\n|---|---|---|---|---|');
    console.log(row('alone', alone));
    console.log(row('beside the flood', beside));
    console.log(`\nThe flood: ${floodCounts.served} served, ${floodCounts.refusedAtEdge} refused at the edge (HTTP 429), ${floodCounts.rateLimited} RATE_LIMITED by the vendor budget, ${floodCounts.other} other errors${floodCounts.other ? ` (${[...floodCounts.otherCodes].join(', ')})` : ''}. Vendor requests of both tenants during the flood: ${vendorDuringFlood} in ${PHASE_SECONDS} s.\n`);
    console.log(`Largest admitted request (3 × callSessions(first: 100) with legs, their extensions and recordings' links, over 3 accounts): HTTP ${largest.status}, errors ${largest.errors.join(', ') || 'none'}, estimated ${largest.estimated} vendor requests, made ${largest.vendorRequests}, ${largest.rows} rows, answer ${largest.answerKB} KB, heap growth at peak ${largest.heapGrowthMB} MB, ${largest.ms} ms.`);
  } finally {
    await server.stop();
    await sandbox.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
