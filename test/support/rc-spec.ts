import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { FIXTURES } from './fixtures';

/**
 * RingCentral's own OpenAPI specification (test/fixtures/ringcentral/rc-public-openapi.yml) as JSON-schema
 * validators. OpenAPI 3.0 schemas are JSON Schema plus a few keywords (nullable, example, ...): Ajv reads
 * nullable and skips the rest.
 */
const spec = parseYaml(readFileSync(join(FIXTURES, 'ringcentral', 'rc-public-openapi.yml'), 'utf8')) as { components: Record<string, unknown> };
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema({ $id: 'rc', components: spec.components });

/** The validator of a component, e.g. `schemas/CallLogRecord`. */
export function rcSchema(pointer: string): ValidateFunction {
  const validate = ajv.getSchema(`rc#/components/${pointer}`);
  if (!validate) throw new Error(`no schema at ${pointer}`);
  return validate;
}
