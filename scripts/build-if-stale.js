#!/usr/bin/env node
// `npm start` and `npm run sandbox` build first only when a source is newer than the last build (dist/.built),
// instead of spending 20-40 s on tsc every time. `npm run build` always builds, and `npm test` does too.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

/** What the build reads: a change to any of them makes the build stale. */
const SOURCES = ['src', 'test', 'examples', 'tsconfig.json', 'package.json', 'package-lock.json'];
const SKIP = new Set(['node_modules', 'dist', '.git']);

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) if (!SKIP.has(name)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

/** Whether the build in `root` is missing or older than one of its sources. */
function isStale(root) {
  const stamp = join(root, 'dist', '.built');
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((source) => newest(join(root, source)) > built);
}

module.exports = { isStale };

if (require.main === module) {
  const root = join(__dirname, '..');
  if (!isStale(root)) {
    console.log('The build is up to date (dist/.built is newer than every source).');
  } else {
    const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    process.exit(result.status ?? 1);
  }
}
