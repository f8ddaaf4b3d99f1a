#!/usr/bin/env node
// Builds the sample call explorer (examples/call-explorer): type-checks it with its own tsconfig (React, the
// DOM), bundles it with esbuild into one minified script, and copies its page and styles beside it, into
// dist/call-explorer/, which the sandbox serves at /explorer/ (apart from what tsc emits, so only these are served).
'use strict';
const { copyFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');
const esbuild = require('esbuild');

const ROOT = join(__dirname, '..');
const SOURCE = join(ROOT, 'examples', 'call-explorer');
const OUT = join(ROOT, 'dist', 'call-explorer');

function typeCheck() {
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(SOURCE, 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('the call explorer does not type-check');
}

async function main() {
  typeCheck();
  mkdirSync(OUT, { recursive: true });
  await esbuild.build({
    entryPoints: [join(SOURCE, 'src', 'app', 'main.tsx')],
    outfile: join(OUT, 'app.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', __DEV__: 'false', 'globalThis.__DEV__': 'false' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'styles.css']) copyFileSync(join(SOURCE, file), join(OUT, file));
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
