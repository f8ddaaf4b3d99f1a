import { BearerTokenSource } from '../../upstream/bearer-auth';
import { Caller } from '../../upstream/caller';
import { MalformedResponseError } from '../../upstream/upstream-errors';
import { Handler } from '../../upstream/upstream-request';
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
    /** The account stack's inner part: token grants spend the Auth budget but are not retried or shared. */
    private readonly send: Handler,
    private readonly baseUrl: string,
    private readonly credentials: RcCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  async accessToken(caller: Caller): Promise<string> {
    const state = this.state;
    if (state && state.expiresAt - EXPIRY_MARGIN_MS > this.now()) return state.accessToken;
    return (await this.renew(caller)).accessToken;
  }

  /** Forgets a token the API refused (401), so the next call renews it; only if it is still the current one. */
  invalidate(token: string): void {
    if (this.state?.accessToken === token) this.state = { ...this.state, expiresAt: 0 };
  }

  private renew(caller: Caller): Promise<TokenState> {
    this.inflight ??= this.obtain(caller).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async obtain(caller: Caller): Promise<TokenState> {
    const current = this.state;
    if (current?.refreshToken && current.refreshExpiresAt > this.now()) {
      try {
        return this.store(await this.grant({ grant_type: 'refresh_token', refresh_token: current.refreshToken }, caller));
      } catch {
        // A spent or revoked refresh token: start again from the JWT.
      }
    }
    return this.store(await this.grant({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: this.credentials.jwt }, caller));
  }

  private async grant(form: Record<string, string>, caller: Caller): Promise<RcTokenResponse> {
    const basic = Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`).toString('base64');
    const response = await this.send<RcTokenResponse>(
      {
        operation: 'oauth.token',
        method: 'POST',
        url: `${this.baseUrl}/restapi/oauth/token`,
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        data: new URLSearchParams(form).toString(),
      },
      caller,
    );
    const body = response.data;
    if (typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') throw new MalformedResponseError('oauth.token answered without a token');
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
