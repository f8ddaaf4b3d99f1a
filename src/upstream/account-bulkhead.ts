import { BulkheadPolicy, BulkheadRejectedError, bulkhead } from 'cockatiel';
import { RateLimitedError } from '../domain/errors';
import { UpstreamNetworkError } from './upstream-errors';
import { withSignal } from './caller';
import { Policy } from './upstream-request';

export interface BulkheadSettings {
  /** Requests to one account that may run at once. */
  readonly maxConcurrent: number;
  /** Requests that may wait for a place; more are refused at once. */
  readonly maxQueued: number;
}

/**
 * One account's bulkhead (cockatiel): at most `maxConcurrent` requests to the vendor at once, a bounded queue
 * behind them, and a clear refusal past it, so one busy account cannot take every socket or pile up work.
 */
export class AccountBulkhead {
  private readonly policy: BulkheadPolicy;

  constructor(
    private readonly owner: { vendor: string; account: string },
    settings: BulkheadSettings,
  ) {
    this.policy = bulkhead(settings.maxConcurrent, settings.maxQueued);
  }

  async run<T>(operation: string, signal: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(({ signal: inner }) => work(inner), signal);
    } catch (error) {
      if (error instanceof BulkheadRejectedError) {
        throw new RateLimitedError(`${this.owner.vendor} account "${this.owner.account}" has too many requests waiting; try again shortly.`, 1);
      }
      if (signal.aborted && !(error instanceof UpstreamNetworkError)) throw new UpstreamNetworkError(operation, 'the request was cancelled');
      throw error;
    }
  }

  /** The bulkhead as a step of the account's stack. */
  asPolicy(): Policy {
    return (next) => (request, caller) => this.run(request.operation, caller.signal, (inner) => next(request, withSignal(caller, inner)));
  }
}
