import { ValidationError, validate } from 'class-validator';
import { BadUserInputError } from '../domain/errors';

/**
 * type-graphql's argument validation, with errors that name the argument (for example `filter.from`)
 * and say why, as BAD_USER_INPUT.
 */
export async function validateArgs(argValue: unknown): Promise<void> {
  if (argValue === null || typeof argValue !== 'object' || argValue instanceof Date) return;
  const values = Array.isArray(argValue) ? argValue : [argValue];
  for (const value of values) {
    if (value === null || typeof value !== 'object') continue;
    const errors = await validate(value as object, { skipMissingProperties: false, forbidUnknownValues: false });
    const problems = flatten(errors, '');
    if (problems.length > 0) {
      const [firstPath] = problems[0]!;
      throw new BadUserInputError(problems.map(([path, message]) => `${path}: ${message}`).join('; '), firstPath);
    }
  }
}

function flatten(errors: ValidationError[], prefix: string): Array<[string, string]> {
  return errors.flatMap((error) => {
    const path = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message): [string, string] => [path, message.replace(new RegExp(`^${error.property} `), '')]);
    return [...own, ...flatten(error.children ?? [], `${path}.`)];
  });
}
