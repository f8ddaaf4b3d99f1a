import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCallbridgeSchema, printSortedSchema } from './build-schema';

/** `npm run schema:emit`: writes schema.graphql at the repository root. */
async function main(): Promise<void> {
  const target = join(__dirname, '..', '..', '..', 'schema.graphql');
  writeFileSync(target, printSortedSchema(await buildCallbridgeSchema()));
  console.log(`wrote ${target}`);
}

void main();
