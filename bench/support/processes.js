// The processes a benchmark measures: started with the probe, their CPU read from /proc, their probe asked.
'use strict';
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const PROBE = join(__dirname, 'probe.js');
const TICKS_PER_SECOND = 100; // USER_HZ: /proc counts CPU time in these (100 on Linux)

/** Starts `node <script> ...args` with the probe; resolves once a stdout line matches `ready` (its match). */
function startProcess(name, script, args, env, ready, nodeFlags = [], timeoutMs = 60_000) {
  const child = spawn(process.execPath, ['--expose-gc', ...nodeFlags, '-r', PROBE, join(ROOT, script), ...args], {
    cwd: ROOT,
    // Every measured server runs as production does: graphql-js skips its development-only checks there.
    env: { ...process.env, NODE_ENV: 'production', CALLBRIDGE_LOG: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = { name, child, pid: child.pid, lines: [], probes: [] };
  let buffered = '';
  const waiting = [];
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.startsWith('BENCH_PROBE ')) {
        const report = JSON.parse(line.slice(12));
        const next = waiting.shift();
        if (next) next(report);
      } else proc.lines.push(line);
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => void (stderr = (stderr + chunk).slice(-4000)));
  proc.probe = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not answer the probe`)), 10_000);
      waiting.push((report) => {
        clearTimeout(timer);
        resolve(report);
      });
      child.kill('SIGUSR2');
    });
  proc.stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready: ${stderr}`)));
    const check = setInterval(() => {
      for (const line of proc.lines) {
        const match = line.match(ready);
        if (match) {
          clearInterval(check);
          clearTimeout(timer);
          child.removeAllListeners('exit');
          return resolve({ ...proc, match });
        }
      }
    }, 50);
  });
}

/** CPU time (user + system) the process has used, in ms. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: the fields after it start past its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

module.exports = { startProcess, cpuMs, ROOT };
