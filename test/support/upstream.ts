import { AccountStatuses } from '../../src/upstream/account-statuses';
import { MemoryCacheStore } from '../../src/upstream/cache-store';
import { Caller } from '../../src/upstream/caller';
import { httpTransport } from '../../src/upstream/http-transport';
import { UpstreamSettings } from '../../src/upstream/policy-stack';
import { RateBudgets } from '../../src/upstream/rate-budget';
import { RequestCounter } from '../../src/upstream/request-counter';
import { DEFAULT_RETRY_POLICY } from '../../src/upstream/retry';
import { Handler } from '../../src/upstream/upstream-request';

/** A caller for tests: its own signal (or the one given) and a deadline far enough away. */
export function testCaller(signal: AbortSignal = new AbortController().signal, deadlineMs = 30_000): Caller {
  return { signal, deadline: Date.now() + deadlineMs };
}

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
    cache: new MemoryCacheStore(128 * 1024 ** 2),
    budgets: new RateBudgets(counter),
    bulkhead: { maxConcurrent: 8, maxQueued: 1000 },
    statuses: new AccountStatuses({ failureThreshold: 1000, halfOpenAfterMs: 1000 }),
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

/** The bare HTTP step (per-attempt timeout, counting, safe errors), for tests of that step alone. */
export function testTransport(options: { timeoutMs: number; counter?: RequestCounter; vendor?: string; account?: string }): Handler {
  return httpTransport({ vendor: options.vendor ?? 'TEST', account: options.account ?? 'a', timeoutMs: options.timeoutMs, counter: options.counter ?? new RequestCounter() });
}
