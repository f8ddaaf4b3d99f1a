/**
 * Fair turns at a shared budget: while tenants wait for a point of it, the next point goes to the waiting
 * tenant served least recently, so that one tenant's flood of requests cannot take a vendor account's budget
 * from the others (each waiting tenant gets every n-th point, n the number of tenants waiting).
 */
export class FairTurns {
  /** Waiting requests by tenant. */
  private readonly waiting = new Map<string, number>();
  /** When each tenant was last given a point (a sequence number, not a clock: no two are equal). */
  private readonly served = new Map<string, number>();
  private sequence = 0;

  /** A request of `tenant` starts waiting; call the function returned when it stops. */
  enter(tenant: string): () => void {
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

  /** Whether `tenant` may take a point now: no other waiting tenant was served less recently. */
  mayTake(tenant: string): boolean {
    const mine = this.served.get(tenant) ?? -1;
    for (const other of this.waiting.keys()) {
      if (other !== tenant && (this.served.get(other) ?? -1) < mine) return false;
    }
    return true;
  }

  /** `tenant` was given a point. */
  took(tenant: string): void {
    this.served.set(tenant, this.sequence++);
    // Forget tenants long gone, so the map stays as small as the set of active tenants.
    if (this.served.size > 1000) for (const name of [...this.served.keys()].slice(0, 500)) if (!this.waiting.has(name)) this.served.delete(name);
  }
}
