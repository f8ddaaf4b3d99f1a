import { LRUCache } from 'lru-cache';
import { approximateBytes } from '../lib/approximate-bytes';

/**
 * Where upstream answers are kept for a short time. Small and asynchronous on purpose, so a store shared by
 * several replicas (Redis) can replace the in-memory one without touching its users.
 */
export interface CacheStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlMs: number): Promise<void>;
}

/**
 * A bounded in-memory store, bounded in bytes (an entry's size is estimated once, when it is kept): the least
 * recently used entries leave first, every entry expires at its TTL and is purged then. A bound in entries
 * was no bound at all: one kept list page is about 0.84 MB, so 5,000 of them were 4.4 GB, above the heap.
 */
export class MemoryCacheStore implements CacheStore {
  private readonly cache: LRUCache<string, { value: unknown }>;

  constructor(maxBytes: number) {
    this.cache = new LRUCache<string, { value: unknown }>({
      maxSize: maxBytes,
      // One entry larger than the whole store is not kept at all.
      maxEntrySize: maxBytes,
      sizeCalculation: (entry, key) => Math.max(1, approximateBytes(entry.value) + key.length * 2),
      ttlAutopurge: true,
      allowStale: false,
    });
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

  /** Estimated bytes held now (for tests and the metrics). */
  get bytes(): number {
    return this.cache.calculatedSize;
  }
}
