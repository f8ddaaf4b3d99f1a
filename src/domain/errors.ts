import { Provider } from './provider';

/** The codes a client can see in `extensions.code`. Anything else is masked as INTERNAL_SERVER_ERROR. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'CRM_UNAVAILABLE'
  | 'QUERY_TOO_EXPENSIVE'
  | 'CANCELLED';

/** A typed error whose message and extensions are safe to show to the client. */
export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra public fields for `extensions` (never secrets). */
  publicExtensions(): Record<string, unknown> {
    return {};
  }
}

export class BadUserInputError extends AppError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(
    message: string,
    readonly argumentName?: string,
  ) {
    super(message);
  }
  override publicExtensions(): Record<string, unknown> {
    return this.argumentName ? { argumentName: this.argumentName } : {};
  }
}

export class UnauthenticatedError extends AppError {
  readonly code = 'UNAUTHENTICATED' as const;
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND' as const;
}

export class RateLimitedError extends AppError {
  readonly code = 'RATE_LIMITED' as const;
  constructor(
    message: string,
    /** Seconds until a retry may succeed. */
    readonly retryAfter: number,
  ) {
    super(message);
  }
  override publicExtensions(): Record<string, unknown> {
    return { retryAfter: this.retryAfter };
  }
}

/** An operation that asked for more vendor reads than its cost estimate allowed (found only while it ran). */
export class QueryTooExpensiveError extends AppError {
  readonly code = 'QUERY_TOO_EXPENSIVE' as const;
}

/**
 * The client closed its request: the work done for it stopped. Nobody reads the answer; the code is for the
 * logs and metrics, and it is never a vendor fault (the breaker does not count it).
 */
export class RequestCancelledError extends AppError {
  readonly code = 'CANCELLED' as const;
  constructor() {
    super('The client closed the request.');
  }
}

export interface FailedAccount {
  readonly provider: Provider;
  readonly account: string;
}

export class UpstreamUnavailableError extends AppError {
  readonly code = 'UPSTREAM_UNAVAILABLE' as const;
  constructor(
    message: string,
    readonly accounts: readonly FailedAccount[],
    /** Why, in safe words (no token, no URL), without the account's name: what `providers` shows as lastError. */
    readonly reason: string = message,
  ) {
    super(message);
  }
  static forAccount(account: FailedAccount, reason: string): UpstreamUnavailableError {
    return new UpstreamUnavailableError(`${account.provider} account "${account.account}" is unavailable: ${reason}`, [account], reason);
  }
  override publicExtensions(): Record<string, unknown> {
    const [first] = this.accounts;
    return {
      provider: first?.provider,
      account: first?.account,
      accounts: this.accounts.map((a) => ({ provider: a.provider, account: a.account })),
    };
  }
}

/** A CRM connector failed (App Connect logging): the call stays pending in the ledger and is retried. */
export class CrmUnavailableError extends AppError {
  readonly code = 'CRM_UNAVAILABLE' as const;
  constructor(
    message: string,
    readonly connector: string,
    /** When the ledger tries again (epoch ms). */
    readonly retryAt: number,
  ) {
    super(message);
  }
  override publicExtensions(): Record<string, unknown> {
    return { connector: this.connector, retryAt: new Date(this.retryAt).toISOString() };
  }
}
