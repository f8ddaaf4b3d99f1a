import { RateLimitedError } from '../domain/errors';
import { UpstreamHttpError, UpstreamNetworkError } from './upstream-errors';
import { currentDeadline } from '../observability/operation-scope';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  /** The longest wait a Retry-After may ask for before the call gives up with RATE_LIMITED. */
  readonly maxRetryAfterSeconds: number;
  /** Told before each new attempt (for the retries metric). */
  readonly onRetry?: () => void;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxRetryAfterSeconds: 30 };

/**
 * Runs an idempotent read, retrying network errors, 5xx and 429 with exponential backoff and jitter;
 * a 429 waits its Retry-After. A wait longer than the policy allows, or past the operation's deadline,
 * fails at once: RATE_LIMITED with retryAfter for a 429, the failure itself otherwise.
 */
export async function retryRead<T>(policy: RetryPolicy, signal: AbortSignal, attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const rateLimited = error instanceof UpstreamHttpError && error.status === 429;
      const retryable = rateLimited || error instanceof UpstreamNetworkError || (error instanceof UpstreamHttpError && error.status >= 500);
      if (!retryable || signal.aborted) throw error;
      const retryAfter = rateLimited ? (error.retryAfterSeconds ?? 30) : null;
      if (retryAfter !== null && (retryAfter > policy.maxRetryAfterSeconds || Date.now() + retryAfter * 1000 > currentDeadline())) {
        throw new RateLimitedError(`${error.message}: the vendor asks to wait ${retryAfter} s.`, Math.max(1, retryAfter));
      }
      if (n >= policy.attempts) {
        if (retryAfter !== null) throw new RateLimitedError(`${error.message}: still rate limited after ${n} attempts.`, retryAfter);
        throw error;
      }
      const backoff = policy.baseDelayMs * 2 ** (n - 1) * (0.5 + Math.random());
      if (retryAfter === null && Date.now() + backoff > currentDeadline()) throw error;
      policy.onRetry?.();
      await sleep(retryAfter !== null ? retryAfter * 1000 : backoff, signal);
    }
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
