/** How a budget's points come: `points` every `bucketMs` (the rate budget's slice of its shortest window). */
export interface TurnBuckets {
  readonly bucketMs: number;
  readonly points: number;
}

/**
 * Fair turns at a shared budget, so that one tenant's flood of requests cannot take a vendor account's budget
 * from the others:
 * - while tenants wait for a point, the next one goes to the waiting tenant served least recently;
 * - while several tenants use the budget (each asked within the last `activeMs`), none takes more than its
 *   share of a bucket's points (the points divided by the tenants using it) in any span of a bucket's length,
 *   so a flood that would empty each bucket the moment it opens leaves the others theirs. The span slides:
 *   the budget's own buckets open at its first request, not on the clock. A tenant alone may take every point.
 */
export class FairTurns {
  /** Waiting requests by tenant. */
  private readonly waiting = new Map<string, number>();
  /** When each tenant was last given a point (a sequence number, not a clock: no two are equal). */
  private readonly served = new Map<string, number>();
  /** When each tenant last asked (epoch ms). */
  private readonly asked = new Map<string, number>();
  /** When each tenant took its points of the last bucket's length (epoch ms, oldest first). */
  private readonly taken = new Map<string, number[]>();
  private sequence = 0;

  constructor(
    private readonly buckets: TurnBuckets = { bucketMs: 1000, points: Number.MAX_SAFE_INTEGER },
    private readonly activeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A request of `tenant` starts waiting; call the function returned when it stops. */
  enter(tenant: string): () => void {
    this.asked.set(tenant, this.now());
    this.waiting.set(tenant, (this.waiting.get(tenant) ?? 0) + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const count = (this.waiting.get(tenant) ?? 1) - 1;
      if (count > 0) this.waiting.set(tenant, count);
      else this.waiting.delete(tenant);
    };
  }

  /** Whether `tenant` may take a point now: its share of the bucket is not spent, and no other waiting tenant was served less recently. */
  mayTake(tenant: string): boolean {
    const mine = this.served.get(tenant) ?? -1;
    for (const other of this.waiting.keys()) {
      if (other !== tenant && (this.served.get(other) ?? -1) < mine) return false;
    }
    const now = this.now();
    let active = 0;
    for (const [, at] of this.asked) if (at >= now - this.activeMs) active += 1;
    if (active <= 1) return true;
    return this.recent(tenant, now).length < Math.max(1, Math.ceil(this.buckets.points / active));
  }

  /** `tenant` was given a point. */
  took(tenant: string): void {
    this.served.set(tenant, this.sequence++);
    const now = this.now();
    this.taken.set(tenant, [...this.recent(tenant, now), now]);
    // Forget tenants long gone, so the maps stay as small as the set of active tenants.
    if (this.asked.size > 1000) {
      const cutoff = this.now() - this.activeMs;
      for (const [name, at] of this.asked) if (at < cutoff && !this.waiting.has(name)) (this.asked.delete(name), this.served.delete(name), this.taken.delete(name));
    }
  }

  /** When `tenant` took points within the last bucket's length. */
  private recent(tenant: string, now: number): number[] {
    return (this.taken.get(tenant) ?? []).filter((at) => at > now - this.buckets.bucketMs);
  }
}
