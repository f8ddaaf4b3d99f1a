import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { satisfies } from 'semver';

/**
 * `npm ci` is clean on the Node this runs on (20 here): no package in the lockfile asks for another Node
 * (npm's EBADENGINE warnings). The codegen tools' network loaders wanted Node 22; package.json's overrides pin
 * versions of them that support Node 20.
 */
test('every package in the lockfile supports this Node version', () => {
  const lock = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };
  const refusing = Object.entries(lock.packages)
    .filter(([path, pkg]) => path !== '' && !Array.isArray(pkg.engines) && pkg.engines?.node !== undefined && !satisfies(process.version, pkg.engines.node, { includePrerelease: true }))
    .map(([path, pkg]) => `${path.replace(/^.*node_modules\//, '')}@${pkg.version} needs node ${(pkg.engines as { node: string }).node}`);
  assert.deepEqual(refusing, []);
});
