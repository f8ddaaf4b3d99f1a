import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { GraphQLObjectType, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { attachPlainResolvers, buildCallbridgeSchema, printSortedSchema } from '../../src/schema/build-schema';
import { computedFields } from '../../src/schema/field-resolvers';

const ROOT = join(__dirname, '..', '..', '..');

test('schema.graphql is exactly what the code emits (run `npm run schema:emit` after a schema change)', async () => {
  const emitted = printSortedSchema(await buildCallbridgeSchema());
  assert.equal(readFileSync(join(ROOT, 'schema.graphql'), 'utf8'), emitted);
});

test('every type, field, argument and enum value has a description', async () => {
  const schema = await buildCallbridgeSchema();
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Boolean', 'ID', 'Float'].includes(type.name)) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
  }
  assert.deepEqual(missing, []);
});

test('the generated typed documents are fresh (run `npm run codegen` after changing an operation or the schema)', () => {
  const bin = join(ROOT, 'node_modules', '.bin', 'graphql-codegen');
  const result = spawnSync(bin, ['--config', 'codegen.yml', '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
});

test('the codegen check fails on stale output, so the freshness test can fail', () => {
  const bin = join(ROOT, 'node_modules', '.bin', 'graphql-codegen');
  const tmp = join(ROOT, 'dist', 'codegen-stale.yml');
  const config = readFileSync(join(ROOT, 'codegen.yml'), 'utf8').replace('test/generated/graphql.ts:', 'dist/codegen-stale-output.ts:');
  require('node:fs').writeFileSync(tmp, config);
  require('node:fs').writeFileSync(join(ROOT, 'dist', 'codegen-stale-output.ts'), '// stale\n');
  const result = spawnSync(bin, ['--config', tmp, '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.notEqual(result.status, 0);
});

test('every field of an object type but Query is a plain function or the default resolver, never a type-graphql wrapper', async () => {
  const schema = await buildCallbridgeSchema();
  const session = schema.getType('CallSession') as GraphQLObjectType;
  assert.equal(session.getFields()['id']!.resolve, computedFields['CallSession']!['id']);
  assert.equal(session.getFields()['startTime']!.resolve, undefined, 'a property: graphql-js reads it');
  assert.notEqual(schema.getQueryType()!.getFields()['callSessions']!.resolve, undefined, 'the root fields keep their resolvers');
});

test('a computed field the schema does not have stops the build', async () => {
  const schema = await buildCallbridgeSchema();
  assert.throws(() => attachPlainResolvers(schema, { CallSession: { nope: () => null } }), /CallSession\.nope is not in the schema/);
  assert.throws(() => attachPlainResolvers(schema, { Nope: {} }), /Nope, which is not an object type/);
});
