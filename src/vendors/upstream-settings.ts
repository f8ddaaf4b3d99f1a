import { RetryPolicy } from '../upstream/retry';
import { RequestCounter } from '../upstream/request-counter';

/** The upstream policies every vendor adapter is built with (from the `upstream` configuration). */
export interface UpstreamSettings {
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly directoryTtlMs: number;
  readonly counter: RequestCounter;
}
