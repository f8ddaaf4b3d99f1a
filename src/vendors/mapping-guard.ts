import { AccountRef } from '../domain/call-session';
import { UpstreamUnavailableError } from '../domain/errors';

/** A vendor record a mapper refused (a field missing or of the wrong type): typed, never a half-mapped row. */
export class MappingError extends Error {}

/**
 * Runs a mapper on a vendor answer: a record it refuses (or that breaks it) means the account answered
 * malformed data, a typed UPSTREAM_UNAVAILABLE naming the account; no half-mapped row leaves.
 */
export function mapOrFail<T>(account: AccountRef, map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof MappingError || error instanceof TypeError) throw UpstreamUnavailableError.forAccount(account, `malformed response: ${error.message}`);
    throw error;
  }
}
