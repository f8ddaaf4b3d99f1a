import { RetryPolicy } from '../upstream/retry';
import { RequestCounter } from '../upstream/request-counter';
import { RateBudgets, RatePlan, RateLimits, withOverrides } from '../upstream/rate-budget';
import { AccountBulkhead, BulkheadSettings } from '../upstream/account-bulkhead';
import { CacheStore } from '../upstream/cache-store';
import { SharedReads } from '../upstream/shared-reads';
import { UpstreamHttp } from '../upstream/upstream-http';

/** The upstream policies every vendor adapter is built with (from the `upstream` configuration). */
export interface UpstreamSettings {
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly directoryTtlMs: number;
  /** How long a vendor list page is reused. */
  readonly listPageTtlMs: number;
  readonly counter: RequestCounter;
  readonly cache: CacheStore;
  readonly budgets: RateBudgets;
  readonly bulkhead: BulkheadSettings;
}

/** What one account's vendor client is built from. */
export interface AccountUpstream {
  readonly http: UpstreamHttp;
  readonly reads: SharedReads;
  readonly retry: RetryPolicy;
}

export interface AccountUpstreamOptions {
  readonly vendor: string;
  readonly account: string;
  /** The vendor's rate groups and default limits. */
  readonly plan: RatePlan;
  /** Who holds the quota the account spends (accounts with the same holder share one budget). */
  readonly quotaHolder: string;
  /** Limits configured for this account, replacing the vendor defaults group by group. */
  readonly rateLimits?: RateLimits;
}

/** The HTTP gate (budget, bulkhead, timeout, counting), shared reads and retry policy of one account. */
export function accountUpstream(upstream: UpstreamSettings, options: AccountUpstreamOptions): AccountUpstream {
  const { vendor, account } = options;
  const budget = upstream.budgets.forHolder(`${vendor}:${options.quotaHolder}`, { vendor, account }, withOverrides(options.plan, options.rateLimits));
  const http = new UpstreamHttp({ vendor, account, timeoutMs: upstream.timeoutMs, counter: upstream.counter, budget, bulkhead: new AccountBulkhead({ vendor, account }, upstream.bulkhead) });
  const reads = new SharedReads({ vendor, account }, upstream.cache, upstream.listPageTtlMs, upstream.counter);
  return { http, reads, retry: { ...upstream.retry, onRetry: () => upstream.counter.retried(vendor, account) } };
}
