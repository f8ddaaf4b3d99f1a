import { AccountRef } from '../../domain/call-session';
import { AppError, UpstreamUnavailableError } from '../../domain/errors';
import { RetryPolicy, retryRead, sleep } from '../../upstream/retry';
import { StreamedResponse, streamGet } from '../../upstream/stream-get';
import { UpstreamHttpError, UpstreamNetworkError } from '../../upstream/upstream-errors';
import { MalformedResponseError, UpstreamHttp } from '../../upstream/upstream-http';
import { TpErrorBody } from './types';

export interface TpCredentials {
  /** The trusted application's App ID and App Secret (vendors.md §3.1). */
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Telphin's answer to a second statistics request while one runs (vendors.md §3.6). */
const CONCURRENT = /concurrent request not allowed/i;
/** How often a statistics request waits out a concurrent one before giving up. */
const CONCURRENT_TRIES = 40;

/**
 * Authenticated GETs against one Telphin client. The client-credentials token is renewed before it expires
 * and once on a 401 (never in a loop). Statistics requests (calls, call_history, record lists) go one at a
 * time, because Telphin rejects concurrent ones; if Telphin still says one is running, the request waits and
 * tries again. Reads retry per the policy; the hourly quota's 429 waits X-RateLimit-Reset or fails with
 * RATE_LIMITED. Tokens never appear in errors.
 */
export class TelphinClient {
  private token: { value: string; expiresAt: number; ttlMs: number } | null = null;
  private inflight: Promise<string> | null = null;
  private statsQueue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly http: UpstreamHttp,
    private readonly baseUrl: string,
    private readonly credentials: TpCredentials,
    private readonly account: AccountRef,
    private readonly retry: RetryPolicy,
    private readonly now: () => number = Date.now,
  ) {}

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

  private async authorized<R>(operation: string, signal: AbortSignal, send: (headers: Record<string, string>) => Promise<R>): Promise<R> {
    try {
      return await retryRead(this.retry, signal, async () => {
        let token = await this.accessToken(signal);
        try {
          return await send({ authorization: `Bearer ${token}` });
        } catch (error) {
          if (!(error instanceof UpstreamHttpError) || error.status !== 401) throw error;
          // Telphin gives no refresh token: any 401 gets a new token, once.
          if (this.token?.value === token) this.token = null;
          token = await this.accessToken(signal);
          return await send({ authorization: `Bearer ${token}` });
        }
      });
    } catch (error) {
      throw this.typed(operation, error);
    }
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

  private async accessToken(signal: AbortSignal): Promise<string> {
    const t = this.token;
    // Renew a minute early (a tenth of the lifetime for short-lived tokens).
    if (t && t.expiresAt - Math.min(60_000, t.ttlMs / 10) > this.now()) return t.value;
    this.inflight ??= this.http
      .send<{ access_token?: unknown; expires_in?: unknown }>({
        operation: 'oauth.token',
        method: 'POST',
        url: `${this.baseUrl}/oauth/token`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        data: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.credentials.clientId, client_secret: this.credentials.clientSecret }).toString(),
        signal,
      })
      .then((response) => {
        const { access_token: value, expires_in: expiresIn } = response.data ?? {};
        if (typeof value !== 'string' || typeof expiresIn !== 'number') throw new MalformedResponseError('oauth/token answered without access_token and expires_in');
        this.token = { value, expiresAt: this.now() + expiresIn * 1000, ttlMs: expiresIn * 1000 };
        return value;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  private typed(operation: string, error: unknown): Error {
    if (error instanceof AppError) return error;
    if (error instanceof UpstreamHttpError) {
      const body = (error.body ?? {}) as TpErrorBody & { error?: string };
      const reason = body.status ?? body.error ?? null;
      if (error.status === 401 || error.status === 403) {
        return UpstreamUnavailableError.forAccount(this.account, `authentication failed (HTTP ${error.status}${reason ? ` ${reason}` : ''}); check the application's id, secret and access level`);
      }
      if (error.status === 429) return UpstreamUnavailableError.forAccount(this.account, `${operation} was refused: ${body.message ?? 'too many requests'}`);
      return UpstreamUnavailableError.forAccount(this.account, `${operation} failed with HTTP ${error.status}${reason ? ` (${reason})` : ''}`);
    }
    if (error instanceof UpstreamNetworkError || error instanceof MalformedResponseError) return UpstreamUnavailableError.forAccount(this.account, error.message);
    return UpstreamUnavailableError.forAccount(this.account, `${operation} failed`);
  }
}
