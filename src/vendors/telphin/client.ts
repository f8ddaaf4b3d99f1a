import { AccountRef } from '../../domain/call-session';
import { UpstreamUnavailableError } from '../../domain/errors';
import { Caller } from '../../upstream/caller';
import { AccountStack } from '../../upstream/policy-stack';
import { RetryAdvice } from '../../upstream/retry';
import { UpstreamHttpError } from '../../upstream/upstream-errors';
import { UpstreamRequest, UpstreamResponse } from '../../upstream/upstream-request';
import { VendorRateReport } from '../../upstream/rate-budget';
import { TpErrorBody } from './types';

/** Telphin's answer to a second statistics request while one runs (vendors.md §3.6; fixtures/telphin 429 body). */
const CONCURRENT = /concurrent request not allowed/i;

/**
 * Telphin's statistics requests: Telphin runs one at a time per client and refuses the others (vendors.md §3.6),
 * reads of one call by id included (§3.7).
 */
const STATISTICS = new Set(['calls.list', 'call_history.list', 'call_history.read']);

/** Whether a request is a statistics request (the account's stack runs them one at a time). */
export const isStatisticsRequest = (request: UpstreamRequest<unknown>): boolean => STATISTICS.has(request.operation);

/**
 * GETs against one Telphin client, through its account's policy stack (bearer token renewed once on a 401,
 * reads retried, the hourly quota's 429 waiting X-RateLimit-Reset or failing with RATE_LIMITED, statistics
 * requests one at a time; one still refused as concurrent is waited out by the stack's retry, tpRetryAdvice).
 */
export class TelphinClient {
  constructor(private readonly stack: AccountStack) {}

  /** A JSON GET; with `missingIsNull` a 404 answers null. */
  async getJson<T>(operation: string, url: string, caller: Caller, options: { missingIsNull?: boolean } = {}): Promise<T | null> {
    const response = await this.stack.send<T>({ operation, url, headers: { accept: 'application/json', 'accept-encoding': 'gzip' }, ...(options.missingIsNull ? { answerStatuses: [404] } : {}) }, caller);
    return response.status === 404 ? null : response.data;
  }
}

/** Another statistics request of this Telphin client is running (another app's): try again shortly. */
export function tpRetryAdvice(error: unknown): RetryAdvice | null {
  const concurrent = error instanceof UpstreamHttpError && error.status === 429 && CONCURRENT.test((error.body as TpErrorBody | null)?.message ?? '');
  return concurrent ? 'busy' : null;
}

/** Telphin's reading of an HTTP failure: its `status` word where it gives one, never its token. */
export function tpFailure(account: AccountRef, operation: string, error: unknown): Error | null {
  if (!(error instanceof UpstreamHttpError)) return null;
  const body = (error.body ?? {}) as TpErrorBody & { error?: string };
  const reason = body.status ?? body.error ?? null;
  if (error.status === 401 || error.status === 403) {
    return UpstreamUnavailableError.forAccount(account, `authentication failed (HTTP ${error.status}${reason ? ` ${reason}` : ''}); check the application's id, secret and access level`);
  }
  if (tpRetryAdvice(error) === 'busy') return UpstreamUnavailableError.forAccount(account, `${operation}: Telphin kept refusing a concurrent statistics request`);
  if (error.status === 429) return UpstreamUnavailableError.forAccount(account, `${operation} was refused: ${body.message ?? 'too many requests'}`);
  return UpstreamUnavailableError.forAccount(account, `${operation} failed with HTTP ${error.status}${reason ? ` (${reason})` : ''}`);
}

/** What a Telphin answer says of its hourly quota: X-RateLimit-Remaining and -Reset (vendors.md §3.6). */
export function tpRateReports(response: UpstreamResponse<unknown>): VendorRateReport[] {
  const remaining = Number(response.headers['x-ratelimit-remaining']);
  const reset = Number(response.headers['x-ratelimit-reset']);
  if (response.headers['x-ratelimit-remaining'] === undefined || !Number.isFinite(remaining) || !Number.isFinite(reset)) return [];
  return [{ group: 'api', remaining, resetSeconds: reset }];
}
