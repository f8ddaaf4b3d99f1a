import { RateLimitedError } from '../domain/errors';
import { UpstreamHttpError, UpstreamNetworkError } from './upstream-errors';
import { Caller } from './caller';
import { Policy, isIdempotent } from './upstream-request';

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
 * A vendor's verdict on a failure the common rules would not retry: `busy` means the vendor refused only
 * because another request of ours is running (Telphin's one-statistics-request rule): wait a moment and
 * send again, without spending an attempt.
 */
export type RetryAdvice = 'busy';

/** How often a `busy` refusal is waited out before the failure is given up. */
const MAX_BUSY_WAITS = 40;

/**
 * The one retry loop of every vendor request: idempotent reads are retried on network errors, 5xx and 429
 * with exponential backoff and jitter; a 429 waits its Retry-After. A wait longer than the policy allows, or
 * past the caller's deadline, fails at once: RATE_LIMITED with retryAfter for a 429, the failure otherwise.
 */
export function retryReads(policy: RetryPolicy, vendorAdvice?: (error: unknown) => RetryAdvice | null): Policy {
  return (next) =>
    async (request, caller) => {
      for (let attempt = 1, busy = 0; ; ) {
        try {
          return await next(request, caller);
        } catch (error) {
          if (!isIdempotent(request) || caller.signal.aborted) throw error;
          if (vendorAdvice?.(error) === 'busy' && busy < MAX_BUSY_WAITS) {
            busy += 1;
            const wait = Math.min(1000, 50 * 2 ** Math.min(busy - 1, 4)) * (0.5 + Math.random());
            if (Date.now() + wait > caller.deadline) throw error;
            await sleep(wait, caller.signal);
            continue;
          }
          const delay = retryDelay(policy, error, attempt, caller);
          attempt += 1;
          policy.onRetry?.();
          await sleep(delay, caller.signal);
        }
      }
    };
}

/** How long to wait before the next attempt; throws when the failure is final. */
function retryDelay(policy: RetryPolicy, error: unknown, attempt: number, caller: Caller): number {
  const rateLimited = error instanceof UpstreamHttpError && error.status === 429;
  const retryable = rateLimited || error instanceof UpstreamNetworkError || (error instanceof UpstreamHttpError && error.status >= 500);
  if (!retryable) throw error;
  const retryAfter = rateLimited ? (error.retryAfterSeconds ?? 30) : null;
  if (retryAfter !== null && (retryAfter > policy.maxRetryAfterSeconds || Date.now() + retryAfter * 1000 > caller.deadline)) {
    throw new RateLimitedError(`${error.message}: the vendor asks to wait ${retryAfter} s.`, Math.max(1, retryAfter));
  }
  if (attempt >= policy.attempts) {
    if (retryAfter !== null) throw new RateLimitedError(`${error.message}: still rate limited after ${attempt} attempts.`, retryAfter);
    throw error;
  }
  if (retryAfter !== null) return retryAfter * 1000;
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random());
  if (Date.now() + backoff > caller.deadline) throw error;
  return backoff;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
