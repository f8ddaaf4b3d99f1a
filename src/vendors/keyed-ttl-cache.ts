/**
 * Entries looked up by id and kept for a TTL, shared by every request of one adapter: a page naming many ids
 * costs at most one load of the missing ones when cold, none when warm. Unknown ids are remembered too
 * (as null) so a deleted employee is not asked for again on every page. Concurrent lookups of the same id
 * share one load; a failed load is not cached.
 */
export class KeyedTtlCache<V> {
  private readonly entries = new Map<string, { value: V | null; at: number }>();
  private readonly inflight = new Map<string, Promise<V | null>>();

  constructor(
    /** Loads these ids; ids missing from the answer are unknown. */
    private readonly load: (ids: string[], signal: AbortSignal) => Promise<Map<string, V>>,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async lookup(ids: readonly string[], signal: AbortSignal): Promise<Array<V | null>> {
    const now = this.now();
    const missing = [...new Set(ids)].filter((id) => {
      const entry = this.entries.get(id);
      return !(entry && now - entry.at < this.ttlMs) && !this.inflight.has(id);
    });
    if (missing.length > 0) {
      const batch = this.load(missing, signal).then((found) => {
        const at = this.now();
        for (const id of missing) this.remember(id, found.get(id) ?? null, at);
        return found;
      });
      for (const id of missing) {
        const one = batch.then((found) => found.get(id) ?? null).finally(() => this.inflight.delete(id));
        one.catch(() => undefined);
        this.inflight.set(id, one);
      }
    }
    return Promise.all(ids.map((id) => this.inflight.get(id) ?? Promise.resolve(this.entries.get(id)?.value ?? null)));
  }

  private remember(id: string, value: V | null, at: number): void {
    this.entries.delete(id);
    this.entries.set(id, { value, at });
    // Oldest first out: Map keeps insertion order.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
