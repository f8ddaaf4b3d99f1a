import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/**
 * Every code a client can see, read from the code that sends it: the typed errors, the HTTP errors, the request
 * errors Apollo raises and the ones Callbridge raises itself. CANCELLED is left out: it is for the logs of a
 * request whose client has gone.
 */
function codesInSource(): Set<string> {
  const codes = new Set<string>();
  const patterns = [/readonly code = '([A-Z_]+)' as const/g, /sendHttpError\(res, \d+, '([A-Z_]+)'/g, /extensions: \{ code: '([A-Z_]+)'/g, /^\s+'([A-Z_]+)',$/gm];
  for (const file of sources('src')) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const pattern of patterns) {
      if (pattern.source.startsWith('^') && !file.endsWith('format-error.ts')) continue;
      for (const match of text.matchAll(pattern)) codes.add(match[1]!);
    }
  }
  codes.delete('CANCELLED');
  return codes;
}

test("the README's error table lists every code a client can see", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Errors'), readme.indexOf('## Operations'));
  const listed = new Set([...table.matchAll(/^\| `([A-Z_]+)`(?:, `([A-Z_]+)`)?/gm)].flatMap((m) => [m[1]!, m[2]].filter((c): c is string => c !== undefined)));
  const codes = codesInSource();
  assert.ok(codes.size >= 15, `${codes.size} codes found in the source`);
  assert.deepEqual([...codes].filter((c) => !listed.has(c)).sort(), [], 'codes a client can see that the table does not list');
  assert.deepEqual([...listed].filter((c) => !codes.has(c)).sort(), [], 'codes the table lists that nothing sends');
});
