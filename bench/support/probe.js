// Preloaded (`node -r`) into every process the benchmarks measure, never into production: on SIGUSR2 it
// collects garbage (the process runs with --expose-gc) and prints one line with the heap, the RSS and the
// longest event-loop delay and task since the last report, so the bench reads them without a hook in the server.
'use strict';
const { monitorEventLoopDelay } = require('node:perf_hooks');

const TICK_MS = 5;
const loop = monitorEventLoopDelay({ resolution: TICK_MS });
loop.enable();

// The longest task: how late a 5 ms timer fires says how long the loop was held, but on a shared 2-core machine
// the process may simply not have been scheduled. So each lateness counts only as far as the process spent CPU
// meanwhile: min(wall time since the last tick, CPU time since then) over the tick's expected 5 ms.
let longestTaskMs = 0;
let lastWall = performance.now();
let lastCpu = process.cpuUsage();
setInterval(() => {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
  longestTaskMs = Math.max(longestTaskMs, Math.min(wall - lastWall, cpuMs) - TICK_MS);
  lastWall = wall;
  lastCpu = cpu;
}, TICK_MS).unref();

process.on('SIGUSR2', () => {
  // Read before the forced collection: its own pause would show in the next period.
  const loopMaxMs = loop.max / 1e6;
  const taskMs = Math.max(0, longestTaskMs);
  if (typeof global.gc === 'function') global.gc();
  const memory = process.memoryUsage();
  process.stdout.write(`BENCH_PROBE ${JSON.stringify({ heapUsed: memory.heapUsed, rss: memory.rss, loopMaxMs, longestTaskMs: taskMs })}\n`);
  // The collection's pause shows at the next ticks: start the next period after them.
  setTimeout(() => {
    loop.reset();
    longestTaskMs = 0;
  }, 50);
});
