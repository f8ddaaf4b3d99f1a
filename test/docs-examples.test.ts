import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Kind, OperationDefinitionNode, parse, print } from 'graphql';
import { TestServer, startTestServer } from './support/test-server';

const ROOT = join(__dirname, '..', '..');

/** Every Markdown page a reader is sent to: the README, docs/ (with vendors/), the examples' READMEs. */
function pages(): string[] {
  const docs = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? docs(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
  const examples = readdirSync(join(ROOT, 'examples'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join('examples', e.name, 'README.md'));
  return ['README.md', ...docs('docs'), ...examples.filter((p) => { try { readFileSync(join(ROOT, p)); return true; } catch { return false; } })];
}

interface Example {
  readonly where: string;
  readonly operation: string;
}

/** Each operation of each ```graphql block, and each query in a curl command's JSON body. */
function examples(): Example[] {
  return pages().flatMap((page) => {
    const text = readFileSync(join(ROOT, page), 'utf8');
    const found: Example[] = [];
    for (const block of text.matchAll(/```graphql\n([\s\S]*?)```/g)) {
      const line = text.slice(0, block.index).split('\n').length;
      for (const definition of parse(block[1]!).definitions) found.push({ where: `${page}:${line}`, operation: print(definition) });
    }
    for (const curl of text.matchAll(/-d '(\{"query":.*?\})'/g)) {
      found.push({ where: `${page}:${text.slice(0, curl.index).split('\n').length}`, operation: (JSON.parse(curl[1]!) as { query: string }).query });
    }
    return found;
  });
}

let server: TestServer;
before(async () => {
  // The sandbox as `npm start` serves it: the full data set (the README's claims are about it) and the sandbox CRM.
  server = await startTestServer({ callsPerVendor: 3000, crm: true });
});
after(() => server.stop());

async function post(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: Record<string, unknown> | null; errors?: unknown[] }> {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] };
}

/** Root fields that answered nothing: null, an empty list, or a connection without edges. */
function emptyFields(data: Record<string, unknown>): string[] {
  return Object.entries(data).flatMap(([field, value]) => {
    if (value === null || (Array.isArray(value) && value.length === 0)) return [field];
    const edges = (value as { edges?: unknown[] }).edges;
    return Array.isArray(edges) && edges.length === 0 ? [field] : [];
  });
}

test('every example query in the README and docs/ runs against the sandbox and answers data', async () => {
  const all = examples();
  assert.ok(all.length >= 8, `found ${all.length} examples`);
  const session = ((await post('{ callSessions(first: 1) { edges { node { id } } } }')).data!['callSessions'] as { edges: Array<{ node: { id: string } }> }).edges[0]!.node.id;
  const failures: string[] = [];
  for (const example of all) {
    // A placeholder the reader replaces: a session's id. Variables start a walk (no cursor yet).
    const operation = example.operation.replace(/"<CallSession\.id>"/g, JSON.stringify(session));
    const definition = parse(operation).definitions[0] as OperationDefinitionNode;
    assert.equal(definition.kind, Kind.OPERATION_DEFINITION, example.where);
    const answer = await post(operation, Object.fromEntries((definition.variableDefinitions ?? []).map((v) => [v.variable.name.value, null])));
    if (answer.errors) failures.push(`${example.where}: ${JSON.stringify(answer.errors).slice(0, 300)}`);
    else if (emptyFields(answer.data!).length > 0) failures.push(`${example.where}: no data in ${emptyFields(answer.data!).join(', ')}`);
  }
  assert.deepEqual(failures, []);
  console.log(`# docs examples: ${all.length} run against the sandbox, all answered data`);
});
