// The Markdown report of `npm run bench`: each figure a ratio of runs taken next to each other, median [min–max].
'use strict';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const f = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
const spread = (values, digits = 2) => `${f(median(values), digits)} [${f(Math.min(...values), digits)}–${f(Math.max(...values), digits)}]`;
const pass = (ok) => (ok ? 'met' : '**missed**');

function report(r) {
  const lines = [];
  lines.push(`## Performance (bench/run.js, \`npm run bench\`, ${r.startedAt.slice(0, 10)}: ${r.seconds} s runs × ${r.repeats}, 50 connections, ${r.durationS} s in all)`, '');
  lines.push('Callbridge, the vendor simulators and the baseline (a minimal Apollo Server 5 on the same Express 5 integration, same schema, answering the JSON Callbridge answered from memory through one trivial resolver) each run in a process of their own on this 2-core machine, with autocannon in the bench process. Every answer is checked (no `errors`, the expected edge count). Ratios pair runs taken next to each other, alternating which goes first; CPU is the server process\'s user + system time from /proc per request. The bench\'s Callbridge lifts the per-tenant inbound limits (one client at 50 connections) and keeps at most 64 MiB of vendor pages; everything else is the sandbox configuration.', '');

  lines.push('| scenario | req/s Callbridge | req/s baseline | req/s ratio | CPU ms/req Callbridge | CPU ms/req baseline | CPU ratio | vendor requests / page |', '|---|---|---|---|---|---|---|---|');
  for (const s of r.warm) {
    const cb = s.runs.callbridge;
    const base = s.runs.baseline;
    const ratios = cb.map((run, i) => run.rps / base[i].rps);
    const cpu = cb.map((run, i) => run.cpuMsPerRequest / base[i].cpuMsPerRequest);
    lines.push(`| ${s.label} | ${spread(cb.map((x) => x.rps), 0)} | ${spread(base.map((x) => x.rps), 0)} | ${spread(ratios)} | ${spread(cb.map((x) => x.cpuMsPerRequest))} | ${spread(base.map((x) => x.cpuMsPerRequest))} | ${spread(cpu)} | ${spread(s.vendorPerPage, 3)} |`);
  }
  lines.push('');

  const c = r.cold;
  const baseCpu = median(r.warm[0].runs.baseline.map((x) => x.cpuMsPerRequest));
  lines.push(`**Cold pages** (${c.count}, one at a time, each a 3-day window of its own, with legs, 0 ms vendor latency): ${f(c.cpuMsPerPage, 1)} ms of Callbridge CPU per page (${f(c.cpuMsPerPage / baseCpu, 1)}× the baseline's warm page; the simulators spent ${f(c.simulatorCpuMsPerPage, 1)} ms answering), median latency ${f(c.latencyMedian, 0)} ms, longest task ${f(c.longestTaskMs, 0)} ms (longest event-loop delay ${f(c.loopMaxMs, 0)} ms: on this shared machine a delay also counts time the process was not scheduled, so a task is the delay as far as the process spent CPU meanwhile), vendor requests per page ${Object.entries(c.vendorPerPage).map(([k, v]) => `${k} ${f(v)}`).join(', ')}.`, '');

  lines.push('**Full walks** of a fixed 29-day window, with legs:', '', '| page size | GraphQL pages | rows | seconds | vendor requests | per page, by vendor |', '|---|---|---|---|---|---|');
  for (const w of r.walks) {
    lines.push(`| first: ${w.first} | ${w.pages} | ${w.rows} | ${f(w.seconds, 1)} | ${Object.entries(w.vendor).map(([k, v]) => `${k} ${v}`).join(', ')} | ${Object.entries(w.perPage).map(([k, v]) => `${k} ${f(v, 3)}`).join(', ')} |`);
  }
  lines.push('');

  lines.push('**Cold page latency** (with legs, one at a time, median of 10) against one direct request to each vendor (its first list request, asked by hand, median of 10), alone and the three together (the simulators share one process, so together their answers queue behind each other\'s CPU):', '', '| vendor latency | page ms | RingCentral ms | CallGear ms | Telphin ms | all three together ms | page ÷ slowest alone | page ÷ together |', '|---|---|---|---|---|---|---|---|');
  for (const l of r.latency) lines.push(`| ${l.latencyMs} ms | ${f(l.pageMedian, 0)} | ${f(l.vendors.RINGCENTRAL, 0)} | ${f(l.vendors.CALLGEAR, 0)} | ${f(l.vendors.TELPHIN, 0)} | ${f(l.together, 0)} | ${f(l.ratio)} | ${f(l.ratioTogether)} |`);
  lines.push('');

  const m = r.memory;
  lines.push(`**Memory** (heap after a forced GC, with the upstream cache's own estimate of what it holds in brackets): right after each of three full walks of the window ending now (first: 100, with legs) ${m.walks.map((w) => `${f(w.heapMB, 0)} MB (${f(w.cacheMB, 0)})`).join(', ')}, third ÷ first ${f(m.walks[2].heapMB / m.walks[0].heapMB)}: each walk's window is new, so its pages add to the kept ones until the cache's bound. Once the pages' TTL has passed (they are purged): after the first walk ${f(m.walks[0].settledHeapMB, 0)} MB (${f(m.walks[0].settledCacheMB, 0)}), after the third ${f(m.walks[2].settledHeapMB, 0)} MB (${f(m.walks[2].settledCacheMB, 0)}), third ÷ first ${f(m.walks[2].settledHeapMB / m.walks[0].settledHeapMB)}. RSS ${m.walks.map((w) => `${f(w.rssMB, 0)} MB`).join(', ')}.`);
  lines.push(`Under a flood of ${m.flood[m.flood.length - 1].requests} distinct filters (CallGear and Telphin, 4 at a time, ${f(m.floodSeconds, 0)} s), heap (and the upstream cache's own estimate of what it holds) by requests sent: ${m.flood.map((x) => `${x.requests}: ${f(x.heapMB, 0)} MB${x.cacheMB !== undefined ? ` (${f(x.cacheMB, 0)})` : ''}`).join(', ')}; the cache's bound: ${r.cacheMaxBytes / 2 ** 20} MiB.`, '');

  const rec = r.recording;
  const recRatio = rec.runs.callbridge.map((x, i) => x.rps / rec.runs.simulator[i].rps);
  lines.push(`**Recording download** (${rec.bytes} bytes, 10 connections) through Callbridge's signed link against the same bytes straight from the CallGear simulator: ${spread(rec.runs.callbridge.map((x) => x.rps), 0)} against ${spread(rec.runs.simulator.map((x) => x.rps), 0)} req/s, ratio ${spread(recRatio)}; Callbridge CPU ${spread(rec.runs.callbridge.map((x) => x.cpuMsPerRequest))} ms per download.`, '');

  const warmLegs = r.warm[0];
  const walk25 = r.walks[0];
  const lat50 = r.latency.find((l) => l.latencyMs === 50);
  const rpsRatio = median(warmLegs.runs.callbridge.map((x, i) => x.rps / warmLegs.runs.baseline[i].rps));
  const cpuRatio = median(warmLegs.runs.callbridge.map((x, i) => x.cpuMsPerRequest / warmLegs.runs.baseline[i].cpuMsPerRequest));
  const maxPerVendor = Math.max(...Object.values(walk25.perPage));
  const heapRatio = m.walks[2].heapMB / m.walks[0].heapMB;
  const settledRatio = m.walks[2].settledHeapMB / m.walks[0].settledHeapMB;
  lines.push('**Targets** (performance issue):', '', '| target | figure | |', '|---|---|---|');
  lines.push(`| warm page with legs ≥ 0.8× baseline req/s | ${f(rpsRatio)}× | ${pass(rpsRatio >= 0.8)} |`);
  lines.push(`| warm page with legs CPU ≤ 1.3× baseline | ${f(cpuRatio)}× | ${pass(cpuRatio <= 1.3)} |`);
  lines.push(`| first: 25 walk, vendor requests per page per vendor ≤ 0.1 | ${f(maxPerVendor, 3)} | ${pass(maxPerVendor <= 0.1)} |`);
  lines.push(`| cold page at 50 ms ≤ 1.3× the slowest vendor request (alone) | ${f(lat50.ratio)}× | ${pass(lat50.ratio <= 1.3)} |`);
  lines.push(`| the same, against the three vendors asked together | ${f(lat50.ratioTogether)}× | ${pass(lat50.ratioTogether <= 1.3)} |`);
  lines.push(`| no event-loop task over 50 ms on cold pages | ${f(c.longestTaskMs, 0)} ms | ${pass(c.longestTaskMs <= 50)} |`);
  lines.push(`| heap after third walk ≤ 1.1× first, right after the walks (kept pages included) | ${f(heapRatio)}× | ${pass(heapRatio <= 1.1)} |`);
  lines.push(`| the same once the kept pages' TTL has passed | ${f(settledRatio)}× | ${pass(settledRatio <= 1.1)} |`);
  const floodTail = m.flood.slice(Math.floor(m.flood.length / 2)).map((x) => x.heapMB);
  lines.push(`| a flood of distinct filters levels off at the cache's bound (heap over its second half) | ${f(Math.min(...floodTail), 0)}–${f(Math.max(...floodTail), 0)} MB, cache ≤ ${f(Math.max(...m.flood.map((x) => x.cacheMB ?? 0)), 0)} of ${r.cacheMaxBytes / 2 ** 20} MiB | ${pass(Math.max(...floodTail) - Math.min(...floodTail) <= 8 && Math.max(...m.flood.map((x) => x.cacheMB ?? 0)) <= r.cacheMaxBytes / 2 ** 20)} |`);
  return lines.join('\n');
}

module.exports = { report, median };
