import { DEFAULT_RETRY_POLICY } from '../../src/upstream/retry';
import { RequestCounter } from '../../src/upstream/request-counter';
import { MemoryCacheStore } from '../../src/upstream/cache-store';
import { RateBudget, RateBudgets } from '../../src/upstream/rate-budget';
import { AccountBulkhead } from '../../src/upstream/account-bulkhead';
import { UpstreamHttp } from '../../src/upstream/upstream-http';
import { UpstreamSettings } from '../../src/vendors/upstream-settings';

/**
 * Upstream settings for tests that build adapters directly: fast retries, no list-page reuse (so request
 * counts are those of the adapter alone; tests of the cache turn it on), a counter of their own.
 */
export function testUpstream(overrides: Partial<UpstreamSettings> = {}): UpstreamSettings {
  const counter = overrides.counter ?? new RequestCounter();
  return {
    timeoutMs: 5000,
    retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 10 },
    directoryTtlMs: 60_000,
    listPageTtlMs: 0,
    cache: new MemoryCacheStore(1000),
    budgets: new RateBudgets(counter),
    bulkhead: { maxConcurrent: 8, maxQueued: 1000 },
    ...overrides,
    counter,
  };
}

/** Limits no test reaches, for adapters whose simulators are generous too. */
export const GENEROUS_RATE_LIMITS = {
  RINGCENTRAL: Object.fromEntries(['Light', 'Medium', 'Heavy', 'Auth'].map((g) => [g, [{ limit: 100_000, windowSeconds: 60 }]])),
  CALLGEAR: { points: [{ limit: 100_000, windowSeconds: 60 }] },
  TELPHIN: { api: [{ limit: 1_000_000, windowSeconds: 3600 }] },
};

/** A bare UpstreamHttp for tests of the HTTP layer: no budget to speak of, a wide bulkhead. */
export function testHttp(options: { timeoutMs: number; counter?: RequestCounter; vendor?: string; account?: string }): UpstreamHttp {
  const owner = { vendor: options.vendor ?? 'TEST', account: options.account ?? 'a' };
  return new UpstreamHttp({
    ...owner,
    timeoutMs: options.timeoutMs,
    counter: options.counter ?? new RequestCounter(),
    budget: new RateBudget(owner, { groups: {}, groupOf: () => 'none' }),
    bulkhead: new AccountBulkhead(owner, { maxConcurrent: 64, maxQueued: 1000 }),
  });
}
