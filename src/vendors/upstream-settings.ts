import { RetryPolicy } from '../upstream/retry';
import { RequestCounter } from '../upstream/request-counter';

/** The upstream policies every vendor adapter is built with (from the `upstream` configuration). */
export interface UpstreamSettings {
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly directoryTtlMs: number;
  readonly counter: RequestCounter;
}

/** The retry policy of one account: the configured one, reporting its retries under the account. */
export function accountRetryPolicy(upstream: UpstreamSettings, vendor: string, account: string): RetryPolicy {
  return { ...upstream.retry, onRetry: () => upstream.counter.retried(vendor, account) };
}
