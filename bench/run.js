#!/usr/bin/env node
// `npm run bench` (not part of `npm test`): Callbridge against a minimal Apollo Server 5, each in a process of
// its own, the vendor simulators in a third (`npm run sandbox`). Every figure is a ratio of runs taken next to
// each other, interleaved and repeated, reported as median [min–max]; CPU per request comes from /proc, vendor
// requests from the simulators' own counters. Loopback only; every loop is bounded in time and count.
// Environment: BENCH_SECONDS (per load run, default 10), BENCH_REPEATS (default 3), BENCH_OUT (default
// docs/benchmarks.md; the report replaces the section between the performance markers).
'use strict';
const { mkdtempSync, readFileSync, writeFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { startProcess, cpuMs, ROOT } = require('./support/processes');
const { load, pageCheck } = require('./support/load');
const { directRequests } = require('./support/direct-vendor');
const { report, median } = require('./support/report');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const OUT = process.env.BENCH_OUT ?? join(ROOT, 'docs', 'benchmarks.md');
const MAX_WALK_PAGES = 1000;
/** The bench's Callbridge keeps 64 MiB of vendor pages, so that a flood of distinct filters reaches the bound within the run. */
const CACHE_MAX_BYTES = 64 * 1024 * 1024;

const PARTY = '{ phoneNumber name extension { id name extensionNumber } }';
const SESSION_FIELDS = `id provider account direction startTime endTime duration result vendorResult from ${PARTY} to ${PARTY} extension { id name extensionNumber email }`;
// A recording's id and link, not its duration or contentType: RingCentral gives those only in its recording
// metadata, one Heavy request per recording (a walk over the data set would add ~650), which this bench of
// listing and merging does not measure.
const DETAIL_FIELDS = `hasRecording legs { index legType role direction startTime duration result from ${PARTY} to ${PARTY} recording { id } } recordings { id startTime url }`;
const page = (name, first, withLegs) =>
  `query ${name}($filter: CallSessionFilter, $after: String) { callSessions(first: ${first}, after: $after, filter: $filter) { edges { cursor node { ${SESSION_FIELDS} ${withLegs ? DETAIL_FIELDS : ''} } } pageInfo { hasNextPage endCursor } } }`;
const QUERIES = {
  WarmLegs: page('WarmLegs', 50, true),
  WarmPlain: page('WarmPlain', 50, false),
  FirstPage: page('FirstPage', 50, true),
  ColdLegs: page('ColdLegs', 50, true),
};

async function main() {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'callbridge-bench-'));
  const processes = [];
  try {
    const env = await startEnvironment(work, processes);
    const results = { seconds: SECONDS, repeats: REPEATS, startedAt: new Date(started).toISOString(), cacheMaxBytes: CACHE_MAX_BYTES };
    results.warm = await warmScenarios(env, work, processes);
    results.cold = await coldPages(env);
    results.walks = [await walk(env, 25, true), await walk(env, 100, true)];
    results.latency = await latencies(env);
    results.memory = await memory(env);
    results.recording = await recordingDownload(env);
    results.durationS = Math.round((Date.now() - started) / 1000);
    const text = report(results);
    console.log(text);
    writeReport(text);
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    rmSync(work, { recursive: true, force: true });
  }
}

/** The simulators, then Callbridge pointed at them. */
async function startEnvironment(work, processes, callbridgeFlags = []) {
  const simConfig = join(work, 'simulators.json');
  const sims = await startProcess('simulators', 'dist/src/main.js', ['--simulators-only'], { CALLBRIDGE_SIMULATOR_PORTS: 'free', CALLBRIDGE_SANDBOX_CONFIG_OUT: simConfig }, /Callbridge config for them/);
  processes.push(sims);
  const config = JSON.parse(readFileSync(simConfig, 'utf8'));
  // The bench is one client at 50 connections: the inbound limits per tenant and per recording link would
  // refuse it (they are the hardening issue's, measured by bench/fair-use.js). The rest is the sandbox's.
  config.limits = { ...config.limits, tenantRequestsPerMinute: 1_000_000, keyRequestsPerMinute: 1_000_000, tenantMaxConcurrent: 10_000 };
  config.recordings = { ...config.recordings, requestsPerLinkPerMinute: 100_000 };
  config.upstream = { ...config.upstream, cacheMaxBytes: CACHE_MAX_BYTES };
  const cbConfig = join(work, 'callbridge.json');
  writeFileSync(cbConfig, JSON.stringify(config));
  const callbridge = await startProcess('callbridge', 'dist/src/main.js', [], { CALLBRIDGE_CONFIG: cbConfig, PORT: '0' }, /GraphQL API:\s+(\S+)/, callbridgeFlags);
  processes.push(callbridge);
  const vendors = Object.fromEntries(config.accounts.map((a) => [a.provider, a]));
  return { sims, callbridge, url: callbridge.match[1], vendors, config };
}

async function post(url, query, variables) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const json = await res.json();
  if (json.errors) throw new Error(`${url}: ${JSON.stringify(json.errors).slice(0, 400)}`);
  return json.data;
}

/** Vendor requests the simulators have answered, by vendor. */
async function vendorCounts(env) {
  const entries = await Promise.all(Object.values(env.vendors).map(async (a) => [a.provider, (await (await fetch(`${a.baseUrl}/__sandbox/stats`)).json()).total]));
  return Object.fromEntries(entries);
}
const diff = (after, before) => Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

/** A fixed window in the past (ending `hoursAgo` before now), so its pages can be kept. */
function pastWindow(hoursAgo, days) {
  const to = Math.floor((Date.now() - hoursAgo * 3600_000) / 60_000) * 60_000;
  return { from: new Date(to - days * 86_400_000).toISOString(), to: new Date(to).toISOString() };
}

/** Warm pages, with and without legs, and the unfiltered first page: Callbridge and the baseline, interleaved. */
async function warmScenarios(env, work, processes) {
  const scenarios = [
    { name: 'WarmLegs', label: 'warm 50-row page with legs, extensions, recordings', variables: { filter: pastWindow(2, 10) } },
    { name: 'WarmPlain', label: 'warm 50-row page without legs or recordings', variables: { filter: pastWindow(2, 10) } },
    { name: 'FirstPage', label: 'unfiltered first page (window ends now), with legs', variables: {} },
  ];
  // The baseline answers what Callbridge answered.
  const captures = {};
  for (const s of scenarios) captures[s.name] = await post(env.url, QUERIES[s.name], s.variables);
  const capturePath = join(work, 'captures.json');
  writeFileSync(capturePath, JSON.stringify(captures));
  const baseline = await startProcess('baseline', 'bench/baseline-server.js', [capturePath], {}, /Baseline listening on (\S+)/);
  processes.push(baseline);
  const targets = { callbridge: { url: env.url, pid: env.callbridge.pid }, baseline: { url: baseline.match[1], pid: baseline.pid } };

  const out = [];
  for (const s of scenarios) {
    const body = JSON.stringify({ query: QUERIES[s.name], variables: s.variables });
    const runs = { callbridge: [], baseline: [] };
    const vendor = [];
    for (let r = 0; r < REPEATS; r++) {
      // Alternate which goes first, so neither always runs on the warmer machine.
      const order = r % 2 === 0 ? ['baseline', 'callbridge'] : ['callbridge', 'baseline'];
      for (const who of order) {
        const before = who === 'callbridge' ? await vendorCounts(env) : null;
        const run = await load({ ...targets[who], seconds: SECONDS, body: () => body, check: pageCheck(50) });
        if (who === 'callbridge') vendor.push(sum(diff(await vendorCounts(env), before)) / run.requests);
        runs[who].push(run);
      }
    }
    out.push({ ...s, runs, vendorPerPage: vendor });
    console.error(`${s.label}: ${runs.callbridge.map((r) => Math.round(r.rps)).join('/')} vs ${runs.baseline.map((r) => Math.round(r.rps)).join('/')} req/s`);
  }
  await baseline.stop();
  return out;
}

/** Cold pages, one at a time, each a window of its own (nothing kept can serve it). */
async function coldPages(env, count = 30) {
  for (let i = 0; i < 3; i++) await post(env.url, QUERIES.ColdLegs, { filter: coldWindow() });
  const before = await vendorCounts(env);
  await env.callbridge.probe();
  const cpuBefore = cpuMs(env.callbridge.pid);
  const simCpuBefore = cpuMs(env.sims.pid);
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const filter = coldWindow(i);
    const t = performance.now();
    const data = await post(env.url, QUERIES.ColdLegs, { filter });
    latencies.push(performance.now() - t);
    if (data.callSessions.edges.length !== 50) throw new Error(`cold page ${i}: ${data.callSessions.edges.length} edges`);
  }
  const cpu = (cpuMs(env.callbridge.pid) - cpuBefore) / count;
  const simCpu = (cpuMs(env.sims.pid) - simCpuBefore) / count;
  const loop = await env.callbridge.probe();
  const vendor = diff(await vendorCounts(env), before);
  console.error(`cold pages: ${cpu.toFixed(1)} ms CPU each, loop max ${loop.loopMaxMs.toFixed(0)} ms, longest task ${loop.longestTaskMs.toFixed(0)} ms`);
  return { count, cpuMsPerPage: cpu, simulatorCpuMsPerPage: simCpu, latencyMedian: median(latencies), loopMaxMs: loop.loopMaxMs, longestTaskMs: loop.longestTaskMs, vendorPerPage: Object.fromEntries(Object.entries(vendor).map(([k, v]) => [k, v / count])) };
}

let coldSerial = 0;
/** A 3-day window ending at an instant no other request used (seconds apart, in the past). */
function coldWindow() {
  coldSerial += 1;
  const to = Date.now() - 3 * 3600_000 - coldSerial * 97_000;
  return { from: new Date(to - 3 * 86_400_000).toISOString(), to: new Date(to).toISOString() };
}

/** A whole walk of a fixed 29-day window: GraphQL pages, rows, vendor requests per page per vendor. */
async function walk(env, first, withLegs, window = pastWindow(0.05, 29)) {
  const query = page(`Walk${first}`, first, withLegs);
  const before = await vendorCounts(env);
  const t = Date.now();
  let after = null;
  let pages = 0;
  let rows = 0;
  const ids = new Set();
  for (; pages < MAX_WALK_PAGES; ) {
    const data = await post(env.url, query, { filter: window, after });
    pages += 1;
    for (const edge of data.callSessions.edges) ids.add(edge.node.id);
    rows += data.callSessions.edges.length;
    if (!data.callSessions.pageInfo.hasNextPage) break;
    after = data.callSessions.pageInfo.endCursor;
  }
  if (ids.size !== rows) throw new Error(`walk first:${first}: ${rows} rows but ${ids.size} distinct sessions`);
  const vendor = diff(await vendorCounts(env), before);
  console.error(`walk first:${first}: ${pages} pages, ${rows} rows, vendor ${JSON.stringify(vendor)}`);
  return { first, withLegs, pages, rows, seconds: (Date.now() - t) / 1000, vendor, perPage: Object.fromEntries(Object.entries(vendor).map(([k, v]) => [k, v / pages])) };
}

/** Cold page latency at 0, 50 and 150 ms vendor latency, against one direct request to each vendor. */
async function latencies(env, count = 10) {
  const direct = await directRequests(env.vendors);
  const out = [];
  for (const ms of [0, 50, 150]) {
    await Promise.all(Object.values(env.vendors).map((a) => fetch(`${a.baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ms > 0 ? { latencyMs: [ms, ms] } : {}) })));
    const pages = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      const data = await post(env.url, QUERIES.ColdLegs, { filter: coldWindow() });
      pages.push(performance.now() - t);
      if (data.callSessions.edges.length !== 50) throw new Error('short cold page');
    }
    // Each vendor asked alone, and the three asked together, as a page asks them: the simulators share one
    // process, so together their answers queue behind each other's CPU; that is the round trip a page can have.
    const vendors = {};
    for (const [vendor, request] of Object.entries(direct)) {
      const times = [];
      for (let i = 0; i < count; i++) times.push(await request(coldWindow()));
      vendors[vendor] = median(times);
    }
    const together = [];
    for (let i = 0; i < count; i++) {
      const window = coldWindow();
      const t = performance.now();
      await Promise.all(Object.values(direct).map((request) => request(window)));
      together.push(performance.now() - t);
    }
    const slowest = Math.max(...Object.values(vendors));
    out.push({ latencyMs: ms, pageMedian: median(pages), vendors, slowest, together: median(together), ratio: median(pages) / slowest, ratioTogether: median(pages) / median(together) });
    console.error(`latency ${ms} ms: page ${median(pages).toFixed(0)} ms, slowest vendor ${slowest.toFixed(0)} ms`);
  }
  await Promise.all(Object.values(env.vendors).map((a) => fetch(`${a.baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' })));
  return out;
}

/** The upstream cache's own estimate of the bytes it holds (its /metrics gauge). */
async function cacheBytes(env) {
  const text = await (await fetch(env.url.replace(/\/graphql$/, '/metrics'))).text();
  return Number(/^callbridge_upstream_cache_bytes (\S+)$/m.exec(text)?.[1] ?? NaN);
}

/** Heap after each of three full walks (each of the window ending now), then under a flood of distinct filters. */
async function memory(env, floodRequests = 600, concurrency = 4) {
  // Right after each walk the heap holds the vendor pages kept so far (each walk's window is new, so they add up
  // to the cache's bound); once the pages' TTL has passed they are purged, and what is left is what stays.
  const ttlMs = (env.config.upstream.listPageTtlSeconds ?? 60) * 1000;
  const walks = [];
  for (let i = 0; i < 3; i++) {
    const w = await walk(env, 100, true, {});
    const probe = await env.callbridge.probe();
    const entry = { pages: w.pages, heapMB: probe.heapUsed / 2 ** 20, rssMB: probe.rss / 2 ** 20, cacheMB: (await cacheBytes(env)) / 2 ** 20 };
    if (i !== 1) {
      await new Promise((resolve) => setTimeout(resolve, ttlMs + 2000));
      entry.settledHeapMB = (await env.callbridge.probe()).heapUsed / 2 ** 20;
      entry.settledCacheMB = (await cacheBytes(env)) / 2 ** 20;
    }
    walks.push(entry);
  }
  const flood = [];
  let sent = 0;
  const floodStarted = Date.now();
  const startHeap = (await env.callbridge.probe()).heapUsed / 2 ** 20;
  flood.push({ requests: 0, heapMB: startHeap });
  const deadline = Date.now() + 10 * 60_000;
  while (sent < floodRequests && Date.now() < deadline) {
    const batch = [];
    for (let i = 0; i < 100 && sent < floodRequests; i += concurrency) {
      const jobs = [];
      for (let j = 0; j < concurrency && sent < floodRequests; j++, sent++) {
        const to = Date.now() - 3600_000 - sent * 61_000;
        jobs.push(post(env.url, QUERIES.WarmPlain, { filter: { providers: ['TELPHIN', 'CALLGEAR'], from: new Date(to - 5 * 86_400_000).toISOString(), to: new Date(to).toISOString() } }));
      }
      batch.push(...(await Promise.all(jobs)));
    }
    const probe = await env.callbridge.probe();
    flood.push({ requests: sent, heapMB: probe.heapUsed / 2 ** 20, rssMB: probe.rss / 2 ** 20, cacheMB: (await cacheBytes(env)) / 2 ** 20 });
  }
  console.error(`memory: walks ${walks.map((w) => w.heapMB.toFixed(0)).join('/')} MB, flood ${flood.map((f) => f.heapMB.toFixed(0)).join('/')} MB`);
  return { walks, flood, floodSeconds: (Date.now() - floodStarted) / 1000 };
}

/** A recording through Callbridge's signed link against the same bytes straight from the CallGear simulator. */
async function recordingDownload(env) {
  const data = await post(env.url, QUERIES.WarmLegs, { filter: { ...pastWindow(2, 10), providers: ['CALLGEAR'], hasRecording: true } });
  const recording = data.callSessions.edges.flatMap((e) => e.node.recordings).find(Boolean);
  if (!recording) throw new Error('no CallGear recording in the window');
  const nativeId = Buffer.from(recording.id, 'base64url').toString('utf8').split('\u001f')[3];
  const [communicationId, record] = nativeId.split('/');
  const direct = `${env.vendors.CALLGEAR.mediaBaseUrl}/system/media/talk/${communicationId}/${record}/`;
  const bytes = (await (await fetch(direct)).arrayBuffer()).byteLength;
  const runs = { callbridge: [], simulator: [] };
  for (let r = 0; r < REPEATS; r++) {
    for (const who of r % 2 === 0 ? ['simulator', 'callbridge'] : ['callbridge', 'simulator']) {
      const url = who === 'callbridge' ? recording.url : direct;
      const pid = who === 'callbridge' ? env.callbridge.pid : env.sims.pid;
      runs[who].push(await getLoad(url, pid, bytes));
    }
  }
  return { bytes, runs };
}

async function getLoad(url, pid, bytes) {
  const autocannon = require('autocannon');
  const failures = [];
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url,
    connections: 10,
    duration: Math.max(3, Math.round(SECONDS / 2)),
    requests: [{ onResponse: (status, _body, _ctx, headers) => void (Number(headers['content-length']) !== bytes && failures.length < 3 && failures.push(`${headers['content-length']} bytes, not ${bytes}`)) }],
  });
  const cpu = cpuMs(pid) - cpuBefore;
  if (failures.length > 0 || result.non2xx > 0 || result.errors > 0) throw new Error(`recording ${url}: ${failures.join('; ')} ${result.non2xx} non-2xx`);
  return { rps: result.requests.total / result.duration, cpuMsPerRequest: cpu / Math.max(1, result.requests.total), mbPerSecond: result.throughput.average / 2 ** 20 };
}


const BEGIN = '<!-- npm run bench: begin -->';
const END = '<!-- npm run bench: end -->';

/** Replaces the section `npm run bench` owns in docs/benchmarks.md, keeping the rest. */
function writeReport(text) {
  let doc = '';
  try {
    doc = readFileSync(OUT, 'utf8');
  } catch {
    doc = '# Benchmarks\n';
  }
  const section = `${BEGIN}\n${text}\n${END}`;
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  doc = start >= 0 && end > start ? doc.slice(0, start) + section + doc.slice(end + END.length) : doc.replace(/\n*$/, `\n\n${section}\n`);
  writeFileSync(OUT, doc);
  console.error(`written: ${OUT}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error.stack ?? error);
    process.exit(1);
  });
}

module.exports = { startEnvironment, QUERIES, pastWindow, post };


