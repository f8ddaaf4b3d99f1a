import { LRUCache } from 'lru-cache';

/**
 * Where upstream answers are kept for a short time. Small and asynchronous on purpose, so a store shared by
 * several replicas (Redis) can replace the in-memory one without touching its users.
 */
export interface CacheStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlMs: number): Promise<void>;
}

/** A bounded in-memory store: the least recently used entries leave first, every entry expires at its TTL. */
export class MemoryCacheStore implements CacheStore {
  private readonly cache: LRUCache<string, { value: unknown }>;

  constructor(maxEntries: number) {
    this.cache = new LRUCache({ max: maxEntries, ttlAutopurge: false, allowStale: false });
  }

  get<T>(key: string): Promise<T | undefined> {
    return Promise.resolve(this.cache.get(key)?.value as T | undefined);
  }

  set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    if (ttlMs > 0) this.cache.set(key, { value }, { ttl: ttlMs });
    return Promise.resolve();
  }

  /** Entries held now (for tests of the bound). */
  get size(): number {
    return this.cache.size;
  }
}
