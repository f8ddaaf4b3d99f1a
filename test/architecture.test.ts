import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

/**
 * The arrows of docs/architecture (README, design): imports of src/ run one way. Read from the sources
 * (type-only imports included: a cycle of types is still a cycle for a reader).
 */
const SRC = resolve(__dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Every file's imports inside src/, as paths relative to src/ without extension. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    // `import x from '…'`, `export … from '…'`, a bare `import '…'` and `import('…')`.
    const targets = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)].map((m) => relative(SRC, resolve(dirname(file), m[1] ?? m[2] ?? m[3]!)));
    graph.set(relative(SRC, file).replace(/\.ts$/, ''), targets);
  }
  return graph;
}

const layerOf = (module: string): string => module.split('/')[0]!;

test('no import cycles in src/', () => {
  const graph = importGraph();
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (node: string, path: string[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
      return;
    }
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) if (graph.has(next)) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  assert.deepEqual(cycles, []);
});

/** What each layer may import besides itself (design guide: data moves one way). */
const ALLOWED: Record<string, readonly string[]> = {
  lib: [],
  domain: ['lib'],
  upstream: ['domain', 'lib'],
  vendors: ['domain', 'lib', 'upstream'],
  history: ['domain', 'lib', 'upstream', 'vendors'],
  recordings: ['domain', 'lib', 'vendors'],
  observability: ['upstream'],
  config: ['domain', 'lib', 'vendors'],
  'app-connect': ['domain', 'lib'],
  schema: ['domain', 'lib', 'upstream', 'history', 'recordings', 'vendors', 'app-connect'],
  app: ['config', 'domain', 'lib', 'upstream', 'vendors', 'history', 'recordings', 'observability', 'app-connect'],
  server: ['app', 'config', 'domain', 'lib', 'upstream', 'history', 'recordings', 'schema', 'observability', 'app-connect'],
  sandbox: ['config', 'lib'],
  'main.ts': ['app', 'config', 'sandbox', 'server'],
};

test('each layer imports only the layers below it; vendors and simulators never see each other', () => {
  const wrong: string[] = [];
  for (const [module, targets] of importGraph()) {
    const layer = module.includes('/') ? layerOf(module) : `${module}.ts`;
    for (const target of targets) {
      const other = layerOf(target);
      if (other !== layer && !(ALLOWED[layer] ?? []).includes(other)) wrong.push(`${module} -> ${target}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('vendor folders do not import each other', () => {
  const wrong = [...importGraph()].flatMap(([module, targets]) =>
    targets.filter((t) => module.startsWith('vendors/') && t.startsWith('vendors/') && module.split('/').length > 2 && t.split('/').length > 2 && module.split('/')[1] !== t.split('/')[1]).map((t) => `${module} -> ${t}`),
  );
  assert.deepEqual(wrong, []);
});
