import { UpstreamHttp } from '../../upstream/upstream-http';
import { BearerTokenSource } from '../../upstream/bearer-auth';
import { RcTokenResponse } from './types';

export interface RcCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The JWT assertion of the JWT auth flow (vendors.md §1.1). */
  readonly jwt: string;
}

interface TokenState {
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly refreshToken: string | null;
  readonly refreshExpiresAt: number;
}

/** Renew this long before expiry, so a request never leaves with a token about to die. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * Holds one account's RingCentral token. One refresh at a time: concurrent requests wait for the same
 * refresh. Refresh tokens are single-use, so a failed refresh falls back to a fresh JWT grant.
 * Tokens never leave this object except as the Authorization header of a request.
 */
export class RcTokenManager implements BearerTokenSource {
  private state: TokenState | null = null;
  private inflight: Promise<TokenState> | null = null;

  constructor(
    private readonly http: UpstreamHttp,
    private readonly baseUrl: string,
    private readonly credentials: RcCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  async accessToken(signal: AbortSignal): Promise<string> {
    const state = this.state;
    if (state && state.expiresAt - EXPIRY_MARGIN_MS > this.now()) return state.accessToken;
    return (await this.renew(signal)).accessToken;
  }

  /** Forgets a token the API refused (401), so the next call renews it; only if it is still the current one. */
  invalidate(token: string): void {
    if (this.state?.accessToken === token) this.state = { ...this.state, expiresAt: 0 };
  }

  private renew(signal: AbortSignal): Promise<TokenState> {
    this.inflight ??= this.obtain(signal).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async obtain(signal: AbortSignal): Promise<TokenState> {
    const current = this.state;
    if (current?.refreshToken && current.refreshExpiresAt > this.now()) {
      try {
        return this.store(await this.grant({ grant_type: 'refresh_token', refresh_token: current.refreshToken }, signal));
      } catch {
        // A spent or revoked refresh token: start again from the JWT.
      }
    }
    return this.store(await this.grant({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: this.credentials.jwt }, signal));
  }

  private async grant(form: Record<string, string>, signal: AbortSignal): Promise<RcTokenResponse> {
    const basic = Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`).toString('base64');
    const response = await this.http.send<RcTokenResponse>({
      operation: 'oauth.token',
      method: 'POST',
      url: `${this.baseUrl}/restapi/oauth/token`,
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      data: new URLSearchParams(form).toString(),
      signal,
    });
    const body = response.data;
    if (typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') throw new Error('oauth.token answered without a token');
    return body;
  }

  private store(token: RcTokenResponse): TokenState {
    const now = this.now();
    this.state = {
      accessToken: token.access_token,
      expiresAt: now + token.expires_in * 1000,
      refreshToken: token.refresh_token ?? null,
      refreshExpiresAt: now + (token.refresh_token_expires_in ?? 0) * 1000,
    };
    return this.state;
  }
}
