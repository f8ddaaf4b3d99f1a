import { RequestCancelledError } from '../domain/errors';
import { UpstreamNetworkError } from './upstream-errors';

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
  /** The tenant the work is for: tenants waiting for one vendor budget take turns (FairTurns). */
  readonly tenant?: string;
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

/** Why a caller stopped waiting: its deadline passed (a timeout the vendor caused), or it left. */
export function abandonedError(operation: string, signal: AbortSignal): Error {
  return deadlinePassed(signal) ? new UpstreamNetworkError(operation, "no answer before the operation's deadline") : new RequestCancelledError();
}

/**
 * The work's outcome, or a rejection as soon as the caller leaves (the work goes on, for whoever else needs
 * it: a slot to hand on, a vendor exchange to let finish). A rejection the work makes later is observed here,
 * so it is never unhandled.
 */
export function untilAbandoned<T>(work: Promise<T>, signal: AbortSignal, abandoned: () => Error): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(abandoned());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abandoned());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
