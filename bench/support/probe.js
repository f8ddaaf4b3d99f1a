// Preloaded (`node -r`) into every process the benchmarks measure, never into production: on SIGUSR2 it
// collects garbage (the process runs with --expose-gc) and prints one line with the heap, the RSS and the
// longest event-loop delay since the last report, so the bench reads them without a hook in the server.
'use strict';
const { monitorEventLoopDelay } = require('node:perf_hooks');

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
  const memory = process.memoryUsage();
  const report = { heapUsed: memory.heapUsed, rss: memory.rss, loopMaxMs: loop.max / 1e6, loopP99Ms: loop.percentile(99) / 1e6 };
  loop.reset();
  process.stdout.write(`BENCH_PROBE ${JSON.stringify(report)}\n`);
});
