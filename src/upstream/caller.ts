/**
 * Who an upstream request is made for: how to cancel it, and by when it must be answered. Passed down
 * explicitly from the GraphQL operation (or a background job) to every vendor request it causes.
 */
export interface Caller {
  readonly signal: AbortSignal;
  /** Epoch ms. Waits (rate budget, Retry-After, backoff) that would pass it fail at once. */
  readonly deadline: number;
  /** Told of each HTTP request sent on the caller's behalf (the operation's log line counts them). */
  readonly onRequest?: () => void;
}

/** The same caller with another signal (shared work that outlives the caller who started it). */
export function withSignal(caller: Caller, signal: AbortSignal): Caller {
  return { ...caller, signal };
}

/** Why a caller's signal aborted when its deadline passed (the reason given to abort()). */
export class DeadlinePassed extends Error {
  constructor() {
    super("the operation's deadline passed");
  }
}

/** Whether a signal was aborted because its caller's deadline passed (rather than the client leaving). */
export const deadlinePassed = (signal: AbortSignal): boolean => signal.aborted && signal.reason instanceof DeadlinePassed;
