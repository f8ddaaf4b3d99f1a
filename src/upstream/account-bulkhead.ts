import { BulkheadPolicy, BulkheadRejectedError, bulkhead } from 'cockatiel';
import { RateLimitedError } from '../domain/errors';
import { UpstreamNetworkError } from './upstream-errors';
import { abandonedError, untilAbandoned, withSignal } from './caller';
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
 *
 * The caller's signal is never given to cockatiel: 3.2.1's bulkhead hands a freed slot to the next waiter even
 * when that waiter was cancelled, and then stops handing slots on, so one abandoned request could stall the
 * account until a restart (fixed only in cockatiel 4, which needs Node 22 and ESM; connor4312/cockatiel#114).
 * Here a caller that leaves is answered at once, and its place in the queue, when it comes, runs nothing and
 * passes the slot on.
 */
export class AccountBulkhead {
  private readonly policy: BulkheadPolicy;
  /**
   * Each tenant's own bulkhead in front of the account's: no tenant holds more than three quarters of the
   * account's places, so another tenant's request always finds one soon (a flood cannot take them all).
   */
  private readonly perTenant = new Map<string, BulkheadPolicy>();

  constructor(
    private readonly owner: { vendor: string; account: string },
    private readonly settings: BulkheadSettings,
  ) {
    this.policy = bulkhead(settings.maxConcurrent, settings.maxQueued);
  }

  run<T>(operation: string, signal: AbortSignal, work: (signal: AbortSignal) => Promise<T>, tenant?: string): Promise<T> {
    const abandoned = (): Error => abandonedError(operation, signal);
    // Checked at each turn: a caller that left while waiting for its tenant's place does not queue for the
    // account's, and one that left while queued there gives its place on without running.
    const inAccount = (): Promise<T> => (signal.aborted ? Promise.reject(abandoned()) : this.policy.execute(() => (signal.aborted ? Promise.reject(abandoned()) : work(signal))));
    const slot = (tenant === undefined ? inAccount() : this.tenantPolicy(tenant).execute(inAccount)).catch((error: unknown) => {
      if (error instanceof BulkheadRejectedError) {
        throw new RateLimitedError(`${this.owner.vendor} account "${this.owner.account}" has too many requests waiting; try again shortly.`, 1);
      }
      throw signal.aborted && !(error instanceof UpstreamNetworkError) ? abandoned() : error;
    });
    return untilAbandoned(slot, signal, abandoned);
  }

  private tenantPolicy(tenant: string): BulkheadPolicy {
    let policy = this.perTenant.get(tenant);
    if (!policy) {
      policy = bulkhead(Math.max(1, Math.ceil(this.settings.maxConcurrent * 0.75)), this.settings.maxQueued);
      this.perTenant.set(tenant, policy);
    }
    return policy;
  }

  /** The bulkhead as a step of the account's stack. */
  asPolicy(): Policy {
    return (next) => (request, caller) => this.run(request.operation, caller.signal, (inner) => next(request, withSignal(caller, inner)), caller.tenant);
  }
}
