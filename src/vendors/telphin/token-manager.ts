import { BearerTokenSource } from '../../upstream/bearer-auth';
import { Caller } from '../../upstream/caller';
import { MalformedResponseError } from '../../upstream/upstream-errors';
import { Handler } from '../../upstream/upstream-request';

export interface TpCredentials {
  /** The trusted application's App ID and App Secret (vendors.md §3.1). */
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * One Telphin application's client-credentials token (vendors.md §3.1: no refresh token). It is renewed a
 * minute before it expires (a tenth of its life for short-lived tokens), one renewal at a time, and whenever
 * the API refuses it. The token leaves this object only as the Authorization header of a request.
 */
export class TpTokenManager implements BearerTokenSource {
  private token: { value: string; expiresAt: number; ttlMs: number } | null = null;
  private inflight: Promise<string> | null = null;

  constructor(
    /** The account stack's inner part: token grants spend the oauth budget but are not retried or shared. */
    private readonly send: Handler,
    private readonly baseUrl: string,
    private readonly credentials: TpCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  async accessToken(caller: Caller): Promise<string> {
    const t = this.token;
    if (t && t.expiresAt - Math.min(60_000, t.ttlMs / 10) > this.now()) return t.value;
    this.inflight ??= this.grant(caller).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  invalidate(token: string): void {
    if (this.token?.value === token) this.token = null;
  }

  private async grant(caller: Caller): Promise<string> {
    const response = await this.send<{ access_token?: unknown; expires_in?: unknown }>(
      {
        operation: 'oauth.token',
        method: 'POST',
        url: `${this.baseUrl}/oauth/token`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        data: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.credentials.clientId, client_secret: this.credentials.clientSecret }).toString(),
      },
      caller,
    );
    const { access_token: value, expires_in: expiresIn } = response.data ?? {};
    if (typeof value !== 'string' || typeof expiresIn !== 'number') throw new MalformedResponseError('oauth/token answered without access_token and expires_in');
    this.token = { value, expiresAt: this.now() + expiresIn * 1000, ttlMs: expiresIn * 1000 };
    return value;
  }
}
