/**
 * RingCentral's rate-limit groups (vendors.md §1.8): requests per user per group in a sliding 60 s window;
 * past the limit, 429 with Retry-After, and the group is blocked for the penalty, which a request during
 * the penalty restarts.
 */
export type RcRateGroup = 'Light' | 'Medium' | 'Heavy' | 'Auth';

export interface RcGroupLimit {
  readonly limit: number;
  readonly windowSeconds: number;
  readonly penaltySeconds: number;
}

export const RC_DOCUMENTED_LIMITS: Readonly<Record<RcRateGroup, RcGroupLimit>> = {
  Light: { limit: 50, windowSeconds: 60, penaltySeconds: 60 },
  Medium: { limit: 40, windowSeconds: 60, penaltySeconds: 60 },
  Heavy: { limit: 10, windowSeconds: 60, penaltySeconds: 60 },
  Auth: { limit: 5, windowSeconds: 60, penaltySeconds: 60 },
};

export interface RateDecision {
  readonly allowed: boolean;
  readonly headers: Record<string, string>;
  /** Seconds, when not allowed. */
  readonly retryAfter?: number;
}

export class RcRateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly penaltyUntil = new Map<string, number>();

  constructor(
    private readonly limits: Readonly<Record<RcRateGroup, RcGroupLimit>>,
    private readonly now: () => number,
  ) {}

  take(group: RcRateGroup, client: string): RateDecision {
    const { limit, windowSeconds, penaltySeconds } = this.limits[group];
    const key = `${group}:${client}`;
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowSeconds * 1000);
    const headers = (remaining: number) => ({
      'X-Rate-Limit-Group': group.toLowerCase(),
      'X-Rate-Limit-Limit': String(limit),
      'X-Rate-Limit-Remaining': String(Math.max(0, remaining)),
      'X-Rate-Limit-Window': String(windowSeconds),
    });
    const blockedUntil = this.penaltyUntil.get(key) ?? 0;
    if (now < blockedUntil || recent.length >= limit) {
      // A request during the penalty restarts it.
      this.penaltyUntil.set(key, now + penaltySeconds * 1000);
      this.hits.set(key, recent);
      return { allowed: false, headers: headers(0), retryAfter: penaltySeconds };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true, headers: headers(limit - recent.length) };
  }
}
