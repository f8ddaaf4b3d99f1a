import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** test/fixtures in the repository (copied from the shared material, see its README): a bare clone has them. */
export const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

export function fixture<T = unknown>(vendor: string, name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, vendor, name), 'utf8')) as T;
}

/**
 * Checks a body broken by the simulators' malformed-answer fault: invalid JSON, or JSON whose first listed
 * record lost every field or carries every value with the wrong type.
 */
export function assertMalformedBody(text: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return;
  }
  const record = firstListed(parsed);
  if (!record) throw new Error(`a whole body came back: ${text.slice(0, 200)}`);
  const values = Object.values(record);
  const broken = values.length === 0 || values.every((v) => v === 12345 || (typeof v === 'string' && v.startsWith('not-a')) || (typeof v === 'object' && v !== null && 'unexpected' in v));
  if (!broken) throw new Error(`the first record is whole: ${JSON.stringify(record).slice(0, 200)}`);
}

function firstListed(value: unknown): Record<string, unknown> | null {
  if (Array.isArray(value)) {
    const first = value.find((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    if (first) return first as Record<string, unknown>;
    return value.map(firstListed).find((v) => v !== null) ?? null;
  }
  if (typeof value === 'object' && value !== null) return Object.values(value).map(firstListed).find((v) => v !== null) ?? null;
  return null;
}
