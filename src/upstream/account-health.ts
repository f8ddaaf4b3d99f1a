import { BrokenCircuitError, CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { AccountRef } from '../domain/call-session';
import { RateLimitedError, RequestCancelledError, UpstreamUnavailableError } from '../domain/errors';
import { deadlinePassed, withSignal } from './caller';
import { Policy } from './upstream-request';

export interface BreakerSettings {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit fails fast before one probe may try the vendor again. */
  readonly halfOpenAfterMs: number;
}

/** An account's live state, as `providers` reports it. */
export enum AccountState {
  OK = 'OK',
  DEGRADED = 'DEGRADED',
  CIRCUIT_OPEN = 'CIRCUIT_OPEN',
  RATE_LIMITED = 'RATE_LIMITED',
}

export interface AccountHealthReport {
  readonly state: AccountState;
  /** When a rate-limited account may be asked again. */
  readonly rateLimitedUntil: Date | null;
  /** The last failure's reason (safe text: no token, no URL), if the account is not OK. */
  readonly lastError: string | null;
}

/**
 * One vendor account's circuit breaker and live state. Vendor failures (UPSTREAM_UNAVAILABLE) count toward
 * opening the circuit; while it is open, calls fail at once instead of waiting for timeouts, until a half-open
 * probe succeeds. Only vendor faults count: 5xx, network errors and timeouts the caller did not cause. Rate
 * limits, answers to the client's input (4xx, not found) and a client that went away say nothing about the
 * vendor being down: whatever failed once the client's request was cancelled is a RequestCancelledError.
 */
export class AccountHealth {
  private readonly breaker: CircuitBreakerPolicy;
  private rateLimitedUntil = 0;
  private lastError: string | null = null;
  private lastOutcome: 'ok' | 'failed' = 'ok';

  constructor(
    private readonly account: AccountRef,
    settings: BreakerSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.breaker = circuitBreaker(handleWhen((error) => error instanceof UpstreamUnavailableError), {
      halfOpenAfter: settings.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.failureThreshold),
    });
  }

  /** Runs one vendor operation through the breaker, recording how it went. */
  async run<T>(operation: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
    try {
      const result = await this.breaker.execute(async ({ signal: inner }) => {
        try {
          return await operation(inner);
        } catch (error) {
          if (signal.aborted && !deadlinePassed(signal)) throw new RequestCancelledError();
          throw error;
        }
      }, signal);
      this.lastOutcome = 'ok';
      this.lastError = null;
      return result;
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw UpstreamUnavailableError.forAccount(this.account, `the circuit is open after repeated failures (last: ${this.lastError ?? 'unknown'}); failing fast until a probe succeeds`);
      }
      if (error instanceof RateLimitedError) this.rateLimitedUntil = Math.max(this.rateLimitedUntil, this.now() + error.retryAfter * 1000);
      if (error instanceof UpstreamUnavailableError) {
        this.lastOutcome = 'failed';
        this.lastError = error.reason;
      }
      throw error;
    }
  }

  /** The breaker as a step of the account's stack. */
  asPolicy(): Policy {
    return (next) => (request, caller) => this.run((signal) => next(request, withSignal(caller, signal)), caller.signal);
  }

  report(): AccountHealthReport {
    if (this.breaker.state === CircuitState.Open || this.breaker.state === CircuitState.Isolated) {
      return { state: AccountState.CIRCUIT_OPEN, rateLimitedUntil: null, lastError: this.lastError };
    }
    if (this.rateLimitedUntil > this.now()) return { state: AccountState.RATE_LIMITED, rateLimitedUntil: new Date(this.rateLimitedUntil), lastError: null };
    if (this.lastOutcome === 'failed') return { state: AccountState.DEGRADED, rateLimitedUntil: null, lastError: this.lastError };
    return { state: AccountState.OK, rateLimitedUntil: null, lastError: null };
  }
}
