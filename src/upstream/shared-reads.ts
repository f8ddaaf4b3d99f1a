import { CacheStore } from './cache-store';
import { Provider } from '../domain/provider';
import { Caller, abandonedError, untilAbandoned, withSignal } from './caller';
import { SingleFlight, joinFor } from './single-flight';

/** Who hears of cache hits and misses (the Prometheus metrics). */
export interface CacheObserver {
  cacheLookup(vendor: string, account: string, kind: string, hit: boolean): void;
}

/** A cached answer, so that "known to be absent" (null) differs from "not cached". */
interface Kept<T> {
  readonly value: T;
}

/**
 * Reads of one vendor account that may be kept: a fresh cached answer is reused, and only a load that
 * succeeded (already mapped, so never a malformed answer) is kept, for its TTL. Errors are never cached.
 * Concurrent reads of one key share one load, so a page fifty clients ask for at once is mapped and sized
 * once, not fifty times (their vendor request was already shared by the policy stack; its mapping was not).
 */
export class SharedReads {
  private readonly pendingIds = new Map<string, Promise<unknown>>();
  private readonly loads = new SingleFlight();

  constructor(
    private readonly owner: { vendor: string; account: string },
    private readonly store: CacheStore,
    private readonly ttlMs: number,
    private readonly observer?: CacheObserver,
  ) {}

  /** One answer by key; `fresh` skips a kept answer (and keeps the new one). */
  async read<T>(kind: string, key: string, caller: Caller, load: (caller: Caller) => Promise<T>, options: { ttlMs?: number; fresh?: boolean } = {}): Promise<T> {
    const ttlMs = options.ttlMs ?? this.ttlMs;
    const fullKey = this.keyOf(kind, key);
    const kept = ttlMs > 0 && !options.fresh ? await this.store.get<Kept<T>>(fullKey) : undefined;
    this.observer?.cacheLookup(this.owner.vendor, this.owner.account, kind, kept !== undefined);
    if (kept !== undefined) return kept.value;
    const run = async (signal: AbortSignal): Promise<T> => {
      const value = await load(withSignal(caller, signal));
      await this.store.set<Kept<T>>(fullKey, { value }, ttlMs);
      return value;
    };
    // A fresh read wants an answer of its own (the scan checks a seam with it), so it joins nobody.
    if (options.fresh) return run(caller.signal);
    // The shared load stops only when every reader waiting on it has left; one who leaves fails alone, as in the policy stack.
    return joinFor(this.loads, fullKey, caller, { provider: this.owner.vendor as Provider, account: this.owner.account }, kind, run);
  }

  /**
   * Entries by id: cached ones are reused (an id the vendor did not know is remembered as null, so a deleted
   * employee is not asked for on every page), ids already being loaded are joined, and the rest are loaded
   * in one batch. The batch is not tied to the caller that started it, so callers that joined it never fail
   * because that one went away; each caller still stops waiting when its own signal aborts.
   */
  async readMany<V>(kind: string, ids: readonly string[], caller: Caller, loadMissing: (ids: string[], caller: Caller) => Promise<Map<string, V>>, ttlMs: number): Promise<Array<V | null>> {
    const unique = [...new Set(ids)];
    const answers = new Map<string, Promise<V | null>>();
    const missing: string[] = [];
    for (const id of unique) {
      const fullKey = this.keyOf(kind, id);
      const kept = ttlMs > 0 ? await this.store.get<Kept<V | null>>(fullKey) : undefined;
      this.observer?.cacheLookup(this.owner.vendor, this.owner.account, kind, kept !== undefined);
      if (kept !== undefined) answers.set(id, Promise.resolve(kept.value));
      else if (this.pendingIds.has(fullKey)) answers.set(id, this.pendingIds.get(fullKey) as Promise<V | null>);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const batch = loadMissing(missing, withSignal(caller, new AbortController().signal)).then(async (found) => {
        for (const id of missing) await this.store.set<Kept<V | null>>(this.keyOf(kind, id), { value: found.get(id) ?? null }, ttlMs);
        return found;
      });
      for (const id of missing) {
        const fullKey = this.keyOf(kind, id);
        const one = batch.then((found) => found.get(id) ?? null).finally(() => this.pendingIds.delete(fullKey));
        one.catch(() => undefined);
        this.pendingIds.set(fullKey, one);
        answers.set(id, one);
      }
    }
    const all = Promise.all(ids.map((id) => answers.get(id)!));
    return untilAbandoned(all, caller.signal, () => abandonedError(kind, caller.signal));
  }

  private keyOf(kind: string, key: string): string {
    return `${this.owner.vendor}/${this.owner.account}|${kind}|${key}`;
  }
}
