import { AccountRef } from '../domain/call-session';
import { AccountBulkhead, BulkheadSettings } from './account-bulkhead';
import { AccountHealth } from './account-health';
import { AccountStatuses } from './account-statuses';
import { CacheStore } from './cache-store';
import { Caller } from './caller';
import { httpTransport } from './http-transport';
import { oneAtATime } from './one-at-a-time';
import { RateBudgets, RateLimits, RatePlan, VendorRateReport, withOverrides } from './rate-budget';
import { RequestCounter } from './request-counter';
import { RetryAdvice, RetryPolicy, retryReads } from './retry';
import { SharedReads } from './shared-reads';
import { shareIdentical } from './single-flight';
import { VendorFailureReader, typedFailures } from './typed-failure';
import { Handler, Policy, UpstreamRequest, UpstreamResponse, wrap } from './upstream-request';

/** The upstream policies every vendor account is built with (from the `upstream` configuration). */
export interface UpstreamSettings {
  /** Per-attempt timeout. */
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly directoryTtlMs: number;
  /** How long a vendor list page is reused. */
  readonly listPageTtlMs: number;
  readonly counter: RequestCounter;
  readonly cache: CacheStore;
  readonly budgets: RateBudgets;
  readonly bulkhead: BulkheadSettings;
  /** Every account's breaker and live state. */
  readonly statuses: AccountStatuses;
}

/** What a vendor tells the stack of one of its accounts. */
export interface AccountStackOptions {
  readonly account: AccountRef;
  /** The vendor's rate groups and default limits. */
  readonly plan: RatePlan;
  /** Who holds the quota the account spends (accounts with the same holder share one budget). */
  readonly quotaHolder: string;
  /** Limits configured for this account, replacing the vendor defaults group by group. */
  readonly rateLimits?: RateLimits;
  /** The vendor's typed errors for its failures. */
  readonly failureReading?: VendorFailureReader;
  /** The vendor's verdict on failures the common retry rules would not retry. */
  readonly retryAdvice?: (error: unknown) => RetryAdvice | null;
  /** The vendor's authentication, made from the stack's inner part (token grants go through budget and bulkhead only). */
  readonly auth?: (inner: Handler) => Policy;
  /** What an answer says of the vendor's limits (headers or metadata), so the budget follows a stricter vendor. */
  readonly rateReports?: (response: UpstreamResponse<unknown>, operation: string) => readonly VendorRateReport[];
  /** Requests the vendor allows only one at a time (Telphin's statistics requests). */
  readonly oneAtATime?: (request: UpstreamRequest<unknown>) => boolean;
}

/** One vendor account's way to the network. */
export interface AccountStack {
  readonly account: AccountRef;
  readonly health: AccountHealth;
  /** The account's cached, shared reads (directories, employees). */
  readonly reads: SharedReads;
  send<T>(request: UpstreamRequest<T>, caller: Caller): Promise<UpstreamResponse<T>>;
}

/**
 * The policy stack of one vendor account, outermost first. The order is the point:
 * 1. identical requests in flight share one exchange, so they cost one of everything below;
 * 2. the breaker sees one outcome per request, after its retries, and when open fails fast before any
 *    budget is spent;
 * 3. failures are typed before the breaker and the caller see them (no raw HTTP error leaves);
 * 4. the one retry loop: each attempt goes through everything below again;
 * 5. a 401 renews the vendor token once (its grant spends the budget like any request);
 * 6. a vendor's own concurrency rule holds an attempt until its turn, before it spends anything;
 * 7. every attempt spends a point of the vendor's rate budget before it is sent (and the budget follows
 *    what the answer says of the vendor's limits); waiting for a point holds no bulkhead slot;
 * 8. the bulkhead slot is held only while the exchange runs;
 * 9. the exchange itself, with its per-attempt timeout, counted.
 */
export function composeAccountStack(settings: UpstreamSettings, options: AccountStackOptions): AccountStack {
  const { account } = options;
  const owner = { vendor: account.provider, account: account.account };
  const budget = settings.budgets.forHolder(`${account.provider}:${options.quotaHolder}`, owner, withOverrides(options.plan, options.rateLimits));
  const bulkhead = new AccountBulkhead(owner, settings.bulkhead);
  const health = settings.statuses.healthOf(account);
  const transport = httpTransport({ ...owner, timeoutMs: settings.timeoutMs, counter: settings.counter });
  const inner = wrap(budget.asPolicy(options.rateReports), bulkhead.asPolicy())(transport);
  const retry: RetryPolicy = { ...settings.retry, onRetry: () => settings.counter.retried(owner.vendor, owner.account) };
  const send = wrap(
    shareIdentical(account),
    health.asPolicy(),
    typedFailures(account, options.failureReading),
    retryReads(retry, options.retryAdvice),
    options.auth ? options.auth(inner) : null,
    options.oneAtATime ? oneAtATime(options.oneAtATime) : null,
    budget.asPolicy(options.rateReports),
    bulkhead.asPolicy(),
  )(transport);
  const reads = new SharedReads(owner, settings.cache, settings.listPageTtlMs, settings.counter);
  return { account, health, reads, send };
}
