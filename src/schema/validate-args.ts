import { ValidationError, validate } from 'class-validator';
import { LRUCache } from 'lru-cache';
import { BadUserInputError } from '../domain/errors';

/**
 * Argument values already found valid, by their class and JSON: a list view sends the same arguments page after
 * page, and class-validator walks every constraint of every nested input each time. Only valid values are
 * kept (an invalid one is checked again, and refused again). Bounded in bytes.
 */
const valid = new LRUCache<string, true>({ maxSize: 2 * 1024 * 1024, sizeCalculation: (_value, key) => 32 + key.length * 2 });

/**
 * type-graphql's argument validation, with errors that name the argument (for example `filter.from`)
 * and say why, as BAD_USER_INPUT.
 */
export async function validateArgs(argValue: unknown): Promise<void> {
  if (argValue === null || typeof argValue !== 'object' || argValue instanceof Date) return;
  const values = Array.isArray(argValue) ? argValue : [argValue];
  for (const value of values) {
    if (value === null || typeof value !== 'object') continue;
    const key = `${value.constructor.name}|${JSON.stringify(value)}`;
    if (valid.has(key)) continue;
    const errors = await validate(value as object, { skipMissingProperties: false, forbidUnknownValues: false });
    const problems = flatten(errors, '');
    if (problems.length > 0) {
      const [firstPath] = problems[0]!;
      throw new BadUserInputError(problems.map(([path, message]) => `${path}: ${message}`).join('; '), firstPath);
    }
    valid.set(key, true);
  }
}

function flatten(errors: ValidationError[], prefix: string): Array<[string, string]> {
  return errors.flatMap((error) => {
    const path = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message): [string, string] => [path, message.replace(new RegExp(`^${error.property} `), '')]);
    return [...own, ...flatten(error.children ?? [], `${path}.`)];
  });
}
