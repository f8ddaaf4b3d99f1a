import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { hashApiKey } from '../src/config/api-keys';

const SCRIPTS = join(__dirname, '..', '..', 'scripts');

test('npm run key prints a new key and the sha256 line the configuration takes for it', () => {
  const run = () => spawnSync(process.execPath, [join(SCRIPTS, 'new-api-key.js')], { encoding: 'utf8' });
  const first = run();
  assert.equal(first.status, 0);
  const key = /API key .*: (cb_[A-Za-z0-9_-]{43})\n/.exec(first.stdout)![1]!;
  const line = /- "(sha256:[0-9a-f]{64})"/.exec(first.stdout)![1]!;
  assert.equal(line, hashApiKey(key));
  assert.notEqual(/API key .*: (\S+)\n/.exec(run().stdout)![1], key, 'a new key each time');
});

test('npm start builds only when a source is newer than the last build', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isStale } = require(join(SCRIPTS, 'build-if-stale.js')) as { isStale: (root: string) => boolean };
  const root = mkdtempSync(join(tmpdir(), 'build-stale-'));
  mkdirSync(join(root, 'src', 'deep'), { recursive: true });
  writeFileSync(join(root, 'src', 'deep', 'a.ts'), '');
  writeFileSync(join(root, 'tsconfig.json'), '{}');
  assert.equal(isStale(root), true, 'never built');
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', '.built'), '');
  const t = Date.now() / 1000;
  for (const f of ['src/deep/a.ts', 'src/deep', 'src', 'tsconfig.json']) utimesSync(join(root, f), t - 100, t - 100);
  utimesSync(join(root, 'dist', '.built'), t - 50, t - 50);
  assert.equal(isStale(root), false, 'built after every source');
  utimesSync(join(root, 'src', 'deep', 'a.ts'), t, t);
  assert.equal(isStale(root), true, 'a source changed since');
});
