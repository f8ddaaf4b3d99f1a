import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** ../shared beside the repository (CI places it there). */
export const SHARED = join(__dirname, '..', '..', '..', '..', 'shared');

export function fixture<T = unknown>(vendor: string, name: string): T {
  return JSON.parse(readFileSync(join(SHARED, 'fixtures', vendor, name), 'utf8')) as T;
}
