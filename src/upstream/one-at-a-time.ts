import { Caller } from './caller';
import { Policy, UpstreamRequest, UpstreamResponse } from './upstream-request';

/**
 * A vendor's own concurrency rule as a step of the stack: the requests it selects run one at a time (each
 * starts when the previous one has answered), the others pass. Identical requests have already been joined
 * above it, so they wait once; waiting here holds neither a budget point nor a bulkhead slot.
 */
export function oneAtATime(selects: (request: UpstreamRequest<unknown>) => boolean): Policy {
  let queue: Promise<unknown> = Promise.resolve();
  return (next) =>
    <T>(request: UpstreamRequest<T>, caller: Caller): Promise<UpstreamResponse<T>> => {
      if (!selects(request)) return next(request, caller);
      const run = (): Promise<UpstreamResponse<T>> => next(request, caller);
      const turn = queue.then(run, run);
      queue = turn.catch(() => undefined);
      return turn;
    };
}
