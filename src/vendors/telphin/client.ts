import { AccountRef } from '../../domain/call-session';
import { UpstreamUnavailableError } from '../../domain/errors';
import { RetryPolicy, sleep } from '../../upstream/retry';
import { StreamedResponse, streamGet } from '../../upstream/stream-get';
import { UpstreamHttpError } from '../../upstream/upstream-errors';
import { UpstreamHttp } from '../../upstream/upstream-http';
import { BearerReader, authorizedRead } from '../../upstream/bearer-auth';
import { TpTokenManager } from './token-manager';
import { TpErrorBody } from './types';

/** Telphin's answer to a second statistics request while one runs (vendors.md §3.6). */
const CONCURRENT = /concurrent request not allowed/i;
/** How often a statistics request waits out a concurrent one before giving up. */
const CONCURRENT_TRIES = 40;

/**
 * Authenticated GETs against one Telphin client, with the token manager's bearer token (renewed once on a
 * 401, never in a loop). Statistics requests (calls, call_history, record lists) go one at a
 * time, because Telphin rejects concurrent ones; if Telphin still says one is running, the request waits and
 * tries again. Reads retry per the policy; the hourly quota's 429 waits X-RateLimit-Reset or fails with
 * RATE_LIMITED. Tokens never appear in errors.
 */
export class TelphinClient {
  private statsQueue: Promise<unknown> = Promise.resolve();
  private readonly reader: BearerReader;

  constructor(
    private readonly http: UpstreamHttp,
    tokens: TpTokenManager,
    private readonly account: AccountRef,
    retry: RetryPolicy,
  ) {
    this.reader = { retry, tokens, account, vendorReading: (operation, error) => tpFailure(account, operation, error) };
  }

  /** A JSON GET; `statistics` requests are serialized; with `missingIsNull` a 404 answers null. */
  async getJson<T>(operation: string, url: string, signal: AbortSignal, options: { statistics?: boolean; missingIsNull?: boolean } = {}): Promise<T | null> {
    const send = (headers: Record<string, string>) =>
      this.http.send<T>({ operation, url, headers: { ...headers, accept: 'application/json', 'accept-encoding': 'gzip' }, signal }).then(
        (response) => response.data,
        (error: unknown) => {
          if (options.missingIsNull && error instanceof UpstreamHttpError && error.status === 404) return null;
          throw error;
        },
      );
    return this.authorized(operation, signal, (headers) => (options.statistics ? this.oneStatsAtATime(() => this.waitOutConcurrent(operation, () => send(headers), signal)) : send(headers)));
  }

  getStream(operation: string, url: string, range: string | undefined, signal: AbortSignal): Promise<StreamedResponse> {
    return this.authorized(operation, signal, (headers) => streamGet(this.http, operation, url, headers, range, signal));
  }

  private authorized<R>(operation: string, signal: AbortSignal, send: (headers: Record<string, string>) => Promise<R>): Promise<R> {
    return authorizedRead(this.reader, operation, signal, send);
  }

  /** Serializes statistics requests of this client: each starts when the previous one has answered. */
  private oneStatsAtATime<R>(run: () => Promise<R>): Promise<R> {
    const next = this.statsQueue.then(run, run);
    this.statsQueue = next.catch(() => undefined);
    return next;
  }

  private async waitOutConcurrent<R>(operation: string, send: () => Promise<R>, signal: AbortSignal): Promise<R> {
    for (let n = 0; ; n++) {
      try {
        return await send();
      } catch (error) {
        const concurrent = error instanceof UpstreamHttpError && error.status === 429 && CONCURRENT.test((error.body as TpErrorBody | null)?.message ?? '');
        if (!concurrent) throw error;
        // Not the hourly quota: another client of this Telphin account is running a statistics request.
        if (n >= CONCURRENT_TRIES) throw UpstreamUnavailableError.forAccount(this.account, `${operation}: Telphin kept refusing a concurrent statistics request`);
        await sleep(Math.min(1000, 50 * 2 ** Math.min(n, 4)) * (0.5 + Math.random()), signal);
      }
    }
  }

}

/** Telphin's reading of an HTTP failure: its `status` word where it gives one, never its token. */
function tpFailure(account: AccountRef, operation: string, error: unknown): Error | null {
  if (!(error instanceof UpstreamHttpError)) return null;
  const body = (error.body ?? {}) as TpErrorBody & { error?: string };
  const reason = body.status ?? body.error ?? null;
  if (error.status === 401 || error.status === 403) {
    return UpstreamUnavailableError.forAccount(account, `authentication failed (HTTP ${error.status}${reason ? ` ${reason}` : ''}); check the application's id, secret and access level`);
  }
  if (error.status === 429) return UpstreamUnavailableError.forAccount(account, `${operation} was refused: ${body.message ?? 'too many requests'}`);
  return UpstreamUnavailableError.forAccount(account, `${operation} failed with HTTP ${error.status}${reason ? ` (${reason})` : ''}`);
}
