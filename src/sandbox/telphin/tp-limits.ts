/**
 * Telphin's limits (vendors.md §3.6, https://ringme-confluence.atlassian.net/wiki/spaces/RAL/pages/13598761):
 * an hourly request quota per client, reported on every response in X-RateLimit-* headers, 429
 * `rate_limit_exceeded` when spent; and one statistics request at a time per client.
 */
export class TpHourlyQuota {
  private window = { start: 0, used: 0 };

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  /** Spends one request if the quota allows; the headers to send either way. */
  take(): { allowed: boolean; headers: Record<string, string> } {
    const now = this.now();
    const start = Math.floor(now / 3600_000) * 3600_000;
    if (this.window.start !== start) this.window = { start, used: 0 };
    const allowed = this.window.used < this.limit;
    if (allowed) this.window.used += 1;
    return {
      allowed,
      headers: {
        'X-RateLimit-Limit': String(this.limit),
        'X-RateLimit-Remaining': String(Math.max(0, this.limit - this.window.used)),
        'X-RateLimit-Reset': String(Math.ceil((start + 3600_000 - now) / 1000)),
      },
    };
  }
}

/** The 429 body of a second statistics request while one runs (fixtures/telphin/call-history-429-concurrent.json). */
export const CONCURRENT_STATS_MESSAGE = 'Stats request already exists, concurrent request not allowed';

/** Statistics requests in flight, per client, and the most that were ever asked for at once. */
export class TpStatsGuard {
  private readonly busy = new Set<string>();
  private peakAsked = 0;

  /** Marks the client busy, or returns false when a statistics request of it is already running. */
  enter(client: string): boolean {
    // A refused request was still asked for while another ran: it counts toward the peak.
    this.peakAsked = Math.max(this.peakAsked, this.busy.has(client) ? 2 : 1);
    if (this.busy.has(client)) return false;
    this.busy.add(client);
    return true;
  }

  leave(client: string): void {
    this.busy.delete(client);
  }

  /** The most statistics requests of one client asked for at once since the last reset (1: never overlapping). */
  get peak(): number {
    return this.peakAsked;
  }

  resetPeak(): void {
    this.peakAsked = 0;
  }
}
