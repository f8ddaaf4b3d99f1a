/** Who else hears of upstream requests (the Prometheus metrics). */
export interface UpstreamObserver {
  request(vendor: string, account: string, operation: string, outcome: string, seconds: number): void;
  retry(vendor: string, account: string): void;
}

/** Counts upstream requests by vendor, account, operation and outcome (HTTP status or network_error). */
export class RequestCounter {
  private readonly counts = new Map<string, number>();
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
    this.observer?.retry(vendor, account);
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

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
