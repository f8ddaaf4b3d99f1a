import { Caller, abandonedError, untilAbandoned } from './caller';
import { Policy, UpstreamRequest, UpstreamResponse } from './upstream-request';

/** A signal that never aborts: the exchange is bounded by the attempt timeout alone. */
const NEVER = new AbortController().signal;

/**
 * A vendor's own concurrency rule as a step of the stack: the requests it selects run one at a time (each
 * starts when the previous one has answered), the others pass. Identical requests have already been joined
 * above it, so they wait once; waiting here holds neither a budget point nor a bulkhead slot.
 *
 * A caller that leaves is answered at once, but its exchange is not cut short: the vendor would go on working
 * on it and refuse the next request as concurrent (Telphin's 429, vendors.md §3.6), so the next request waits
 * for its answer (or its attempt timeout). A caller that left while waiting sends nothing.
 */
export function oneAtATime(selects: (request: UpstreamRequest<unknown>) => boolean): Policy {
  let queue: Promise<unknown> = Promise.resolve();
  return (next) =>
    <T>(request: UpstreamRequest<T>, caller: Caller): Promise<UpstreamResponse<T>> => {
      if (!selects(request)) return next(request, caller);
      const abandoned = (): Error => abandonedError(request.operation, caller.signal);
      const run = (): Promise<UpstreamResponse<T>> => (caller.signal.aborted ? Promise.reject(abandoned()) : next(request, { ...caller, signal: NEVER }));
      const turn = queue.then(run, run);
      queue = turn.catch(() => undefined);
      return untilAbandoned(turn, caller.signal, abandoned);
    };
}
