import { AccountRef } from '../../domain/call-session';
import { UpstreamUnavailableError } from '../../domain/errors';
import { RetryPolicy, retryRead } from '../../upstream/retry';
import { UpstreamHttpError } from '../../upstream/upstream-errors';
import { typedUpstreamFailure } from '../../upstream/typed-failure';
import { MalformedResponseError, UpstreamHttp } from '../../upstream/upstream-http';
import { CgLimits, CgMetadata, CgRpcErrorBody, CgRpcResponse } from './types';

/** A permanent API key, or a user whose temporary key login.user issues (vendors.md §2.1). */
export type CgCredentials = { readonly accessToken: string } | { readonly login: string; readonly password: string };

/** A JSON-RPC error CallGear answered (HTTP 200 with `error`, vendors.md §2.4). */
export class CgRpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly mnemonic: string,
    readonly field: string | null,
  ) {
    super(`${method} answered JSON-RPC error ${code} (${mnemonic})`);
  }
}

/** Renew a login.user key this long before it expires. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * JSON-RPC calls to one CallGear account. `get.*` calls are reads and retry per the policy: -32029
 * limit_exceeded waits for the reset CallGear reports in `metadata.limits`, -32603 and HTTP 5xx back off.
 * A rejected key is renewed once (login.user accounts), never in a loop. Keys never appear in errors.
 */
export class CallGearClient {
  private session: { token: string; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;
  private serial = 0;

  constructor(
    private readonly http: UpstreamHttp,
    private readonly endpoint: string,
    private readonly credentials: CgCredentials,
    private readonly account: AccountRef,
    private readonly retry: RetryPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** A `get.*` method's result ({metadata, data}). */
  async read<T>(method: string, params: Record<string, unknown>, signal: AbortSignal): Promise<{ metadata: CgMetadata; data: T[] }> {
    try {
      return await retryRead(this.retry, signal, async () => {
        let token = await this.token(signal);
        try {
          return await this.list<T>(method, { ...params, access_token: token }, signal);
        } catch (error) {
          if (!(error instanceof CgRpcError) || error.code !== -32001 || 'accessToken' in this.credentials) throw error;
          // An expired or revoked temporary key: log in again once.
          if (this.session?.token === token) this.session = null;
          token = await this.token(signal);
          return await this.list<T>(method, { ...params, access_token: token }, signal);
        }
      });
    } catch (error) {
      throw this.typed(method, error);
    }
  }

  private async list<T>(method: string, params: Record<string, unknown>, signal: AbortSignal): Promise<{ metadata: CgMetadata; data: T[] }> {
    const result = await this.call<{ metadata?: CgMetadata; data?: unknown }>(method, params, signal);
    if (!result || !Array.isArray(result.data)) throw new MalformedResponseError(`${method} answered without a data list`);
    return { metadata: result.metadata ?? {}, data: result.data as T[] };
  }

  private async token(signal: AbortSignal): Promise<string> {
    if ('accessToken' in this.credentials) return this.credentials.accessToken;
    if (this.session && this.session.expiresAt - EXPIRY_MARGIN_MS > this.now()) return this.session.token;
    const { login, password } = this.credentials;
    this.inflight ??= this.call<{ data?: { access_token?: unknown; expire_at?: unknown } }>('login.user', { login, password }, signal)
      .then((result) => {
        const token = result?.data?.access_token;
        const expireAt = result?.data?.expire_at;
        if (typeof token !== 'string' || typeof expireAt !== 'number') throw new MalformedResponseError('login.user answered without access_token and expire_at');
        this.session = { token, expiresAt: expireAt * 1000 };
        return token;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  /** One JSON-RPC exchange; limit and internal errors leave as HTTP-like errors so the retry policy treats them alike. */
  private async call<R>(method: string, params: Record<string, unknown>, signal: AbortSignal): Promise<R> {
    const id = ++this.serial;
    const response = await this.http.send<CgRpcResponse<R>>({
      operation: method,
      method: 'POST',
      url: this.endpoint,
      headers: { 'content-type': 'application/json; charset=UTF-8', accept: 'application/json' },
      data: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
      signal,
    });
    const body = response.data;
    if (!body || typeof body !== 'object' || (body.id !== id && body.id !== null)) throw new MalformedResponseError(`${method} answered a body that is not its JSON-RPC response`);
    if (body.error) throw rpcFailure(method, body.error);
    if (body.result === undefined) throw new MalformedResponseError(`${method} answered neither result nor error`);
    return body.result;
  }

  private typed(method: string, error: unknown): Error {
    return typedUpstreamFailure(this.account, method, error, (m, e) => cgFailure(this.account, m, e));
  }
}

/** CallGear's reading of a failure: its JSON-RPC codes and mnemonics (vendors.md §2.4), or the HTTP status. */
function cgFailure(account: AccountRef, method: string, error: unknown): Error | null {
  if (error instanceof CgRpcError) {
    if (error.code === -32001) return UpstreamUnavailableError.forAccount(account, `authentication failed (${error.mnemonic}); check the account's access token or login`);
    if (error.code === -32003) return UpstreamUnavailableError.forAccount(account, `access refused (${error.mnemonic}); CallGear must whitelist Callbridge's IP address for this account`);
    if (error.code === -32009) return UpstreamUnavailableError.forAccount(account, `the CallGear account is inactive (${error.mnemonic})`);
    return UpstreamUnavailableError.forAccount(account, `${method} was refused: ${error.code} ${error.mnemonic}${error.field ? ` (${error.field})` : ''}`);
  }
  if (error instanceof UpstreamHttpError) return UpstreamUnavailableError.forAccount(account, `${method} failed with HTTP ${error.status}`);
  return null;
}

function rpcFailure(method: string, error: CgRpcErrorBody): Error {
  const code = typeof error.code === 'number' ? error.code : 0;
  const mnemonic = error.data?.mnemonic ?? 'unknown';
  // Spent points: wait for the budget's reset (vendors.md §2.3), as for an HTTP 429 with Retry-After.
  if (code === -32029) return new UpstreamHttpError(method, 429, null, limitReset(error.data?.metadata?.limits));
  if (code === -32603) return new UpstreamHttpError(method, 500, null, null);
  return new CgRpcError(method, code, mnemonic, typeof error.data?.field === 'string' ? error.data.field : null);
}

/** Seconds until the spent budget resets: the day's when the day is spent, else the minute's. */
function limitReset(limits: CgLimits | undefined): number {
  if (!limits) return 60;
  if (limits.day_remaining === 0 && typeof limits.day_reset === 'number') return Math.max(1, limits.day_reset);
  return Math.max(1, typeof limits.minute_reset === 'number' ? limits.minute_reset : 60);
}
