import { AccountRef } from '../domain/call-session';
import { RequestCancelledError, UpstreamUnavailableError } from '../domain/errors';
import { Policy, UpstreamRequest } from './upstream-request';
import { Caller, deadlinePassed, withSignal } from './caller';

/**
 * Identical concurrent work shares one run: the first caller starts it, later callers with the same key join
 * it. The run gets its own signal, aborted only when every caller waiting on it has gone, so one impatient
 * caller never fails the others. Results are not kept: a finished key runs again next time.
 */
export class SingleFlight {
  private readonly flights = new Map<string, { promise: Promise<unknown>; waiting: number; controller: AbortController }>();

  run<T>(key: string, signal: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (signal.aborted) return Promise.reject(new Error('aborted'));
    let flight = this.flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const promise = work(controller.signal).finally(() => {
        if (this.flights.get(key) === created) this.flights.delete(key);
      });
      const created = { promise, waiting: 0, controller };
      flight = created;
      this.flights.set(key, created);
    }
    return this.join(flight as { promise: Promise<T>; waiting: number; controller: AbortController }, key, signal);
  }

  /** How many distinct runs are in flight. */
  get size(): number {
    return this.flights.size;
  }

  private join<T>(flight: { promise: Promise<T>; waiting: number; controller: AbortController }, key: string, signal: AbortSignal): Promise<T> {
    flight.waiting += 1;
    return new Promise<T>((resolve, reject) => {
      const leave = (): void => {
        signal.removeEventListener('abort', onAbort);
        flight.waiting -= 1;
      };
      const onAbort = (): void => {
        leave();
        reject(new Error('aborted'));
        if (flight.waiting === 0) {
          // Nobody waits any more: stop the work (for the last caller's reason: a deadline stays a deadline),
          // and let the next caller start afresh.
          if (this.flights.get(key) === flight) this.flights.delete(key);
          flight.controller.abort(signal.reason);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => {
          if (signal.aborted) return;
          leave();
          resolve(value);
        },
        (error: unknown) => {
          if (signal.aborted) return;
          leave();
          reject(error);
        },
      );
    });
  }
}

/** The key identical requests share by: a GET of JSON or text by its URL, or the request's own key. */
function shareKeyOf(request: UpstreamRequest<unknown>): string | null {
  if (request.shareKey !== undefined) return request.shareKey;
  if ((request.method ?? 'GET') !== 'GET' || request.responseType === 'stream') return null;
  return `GET ${request.url} ${request.headers?.['accept'] ?? ''} ${request.responseType ?? 'json'}`;
}

/**
 * The stack's one de-duplication: identical requests in flight at once share one exchange (and so one
 * budget point, one breaker outcome, one parse). A caller that leaves (or whose deadline passes) gets a typed
 * failure of its own at once; the others wait on.
 */
export function shareIdentical(account: AccountRef, flights: SingleFlight = new SingleFlight()): Policy {
  return (next) =>
    async (request, caller) => {
      const key = shareKeyOf(request);
      if (key === null) return next(request, caller);
      return joinFor(flights, key, caller, account, request.operation, (shared) => next(request, withSignal(caller, shared)));
    };
}

/**
 * `flights.run` on a caller's behalf: a caller that stops waiting gets a typed failure of its own at once
 * (CANCELLED when it left; the account unavailable when its deadline passed, the vendor's timeout), and the
 * others wait on.
 */
export async function joinFor<T>(flights: SingleFlight, key: string, caller: Caller, account: AccountRef, operation: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await flights.run(key, caller.signal, work);
  } catch (error) {
    if (caller.signal.aborted) {
      if (!deadlinePassed(caller.signal)) throw new RequestCancelledError();
      throw UpstreamUnavailableError.forAccount(account, `${operation}: no answer before the operation's deadline`);
    }
    throw error;
  }
}
