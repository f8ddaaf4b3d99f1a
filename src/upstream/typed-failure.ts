import { AccountRef } from '../domain/call-session';
import { AppError, UpstreamUnavailableError } from '../domain/errors';
import { MalformedResponseError, UpstreamNetworkError } from './upstream-errors';
import { Policy } from './upstream-request';

/** A vendor's own reading of a failure (its statuses, codes and words), or null to leave it to the common rules. */
export type VendorFailureReader = (operation: string, error: unknown) => Error | null;

/**
 * The typed error of a failed vendor request. The vendor's reading comes first; then what every vendor
 * shares: typed errors pass through, no answer or a malformed one names the account with its safe reason,
 * and anything else is "failed" without details (never a URL, a token or a raw body).
 */
export function typedUpstreamFailure(account: AccountRef, operation: string, error: unknown, vendorReading?: VendorFailureReader): Error {
  if (error instanceof AppError) return error;
  const read = vendorReading?.(operation, error);
  if (read) return read;
  if (error instanceof UpstreamNetworkError || error instanceof MalformedResponseError) return UpstreamUnavailableError.forAccount(account, error.message);
  return UpstreamUnavailableError.forAccount(account, `${operation} failed`);
}

/** Every failure that leaves the stack is typed (the breaker and the caller only ever see typed errors). */
export function typedFailures(account: AccountRef, vendorReading?: VendorFailureReader): Policy {
  return (next) =>
    async (request, caller) => {
      try {
        return await next(request, caller);
      } catch (error) {
        throw typedUpstreamFailure(account, request.operation, error, vendorReading);
      }
    };
}
