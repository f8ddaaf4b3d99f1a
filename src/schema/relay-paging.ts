import { BadUserInputError } from '../domain/errors';
import { PageRequest } from '../history/page-direction';

export interface RelayPagingArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

/** Relay's two directions: first/after forward, last/before backward, never mixed; `byDefault` rows forward when neither is given. */
export function relayPaging(args: RelayPagingArgs, byDefault: number): PageRequest {
  const has = (value: unknown): boolean => value !== null && value !== undefined;
  if (has(args.first) && has(args.last)) throw new BadUserInputError('Give first (forward) or last (backward), not both.', 'last');
  if (has(args.before) && !has(args.last)) throw new BadUserInputError('Argument "before" pages backward: give it with last.', 'before');
  if (has(args.last)) {
    if (has(args.after)) throw new BadUserInputError('Argument "after" pages forward: give it with first, not last.', 'after');
    return { first: args.last!, after: null, last: args.last!, before: args.before ?? null };
  }
  return { first: args.first ?? byDefault, after: args.after ?? null };
}
