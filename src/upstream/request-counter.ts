import { BudgetObserver } from './rate-budget';
import { CacheObserver } from './shared-reads';

/** Who else hears of upstream events (the Prometheus metrics). */
export interface UpstreamObserver extends BudgetObserver, CacheObserver {
  request(vendor: string, account: string, operation: string, outcome: string, seconds: number): void;
  retry(vendor: string, account: string): void;
}

/**
 * Counts upstream events: requests by vendor, account, operation and outcome (HTTP status or network_error),
 * retries, rate-budget waits and refusals, cache hits and misses; and passes each on to the observer.
 */
export class RequestCounter implements BudgetObserver, CacheObserver {
  private readonly counts = new Map<string, number>();
  private readonly events = new Map<string, number>();
  private observer: UpstreamObserver | null = null;

  observe(observer: UpstreamObserver): void {
    this.observer = observer;
  }

  count(vendor: string, account: string, operation: string, outcome: string, seconds = 0): void {
    const key = `${vendor}|${account}|${operation}|${outcome}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.observer?.request(vendor, account, operation, outcome, seconds);
  }

  /** A read about to be tried again. */
  retried(vendor: string, account: string): void {
    this.note('retry', vendor);
    this.observer?.retry(vendor, account);
  }

  budgetWait(vendor: string, account: string, group: string, seconds: number): void {
    this.note('budget-wait', vendor);
    this.observer?.budgetWait(vendor, account, group, seconds);
  }

  budgetRefused(vendor: string, account: string, group: string): void {
    this.note('budget-refused', vendor);
    this.observer?.budgetRefused(vendor, account, group);
  }

  cacheLookup(vendor: string, account: string, kind: string, hit: boolean): void {
    this.note(hit ? `cache-hit:${kind}` : `cache-miss:${kind}`, vendor);
    this.observer?.cacheLookup(vendor, account, kind, hit);
  }

  /** Totals, optionally for one vendor account. */
  total(filter: { vendor?: string; account?: string; operation?: string; outcome?: string } = {}): number {
    let sum = 0;
    for (const [key, n] of this.counts) {
      const [vendor, account, operation, outcome] = key.split('|');
      if ((filter.vendor && vendor !== filter.vendor) || (filter.account && account !== filter.account) || (filter.operation && operation !== filter.operation)) continue;
      if (filter.outcome && outcome !== filter.outcome) continue;
      sum += n;
    }
    return sum;
  }

  /**
   * How often an event happened ('retry', 'budget-wait', 'budget-refused', 'cache-hit:<kind>',
   * 'cache-miss:<kind>'), optionally for one vendor.
   */
  eventCount(event: string, vendor?: string): number {
    let sum = 0;
    for (const [key, n] of this.events) {
      const [name, v] = key.split('|');
      if (name === event && (!vendor || v === vendor)) sum += n;
    }
    return sum;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  private note(event: string, vendor: string): void {
    const key = `${event}|${vendor}`;
    this.events.set(key, (this.events.get(key) ?? 0) + 1);
  }
}
