import { randomBytes } from 'node:crypto';

/**
 * RingCentral's OAuth token store (vendors.md §1.1): JWT-bearer and refresh_token grants; refresh tokens are
 * single-use, and a refresh kills the old access token. An old refresh token still answers with the same new
 * pair while that new access token is unused (up to 60 min) or was first used less than 10 s ago.
 */
export interface RcTokenPair {
  readonly access_token: string;
  readonly token_type: 'bearer';
  readonly expires_in: number;
  readonly refresh_token: string;
  readonly refresh_token_expires_in: number;
  readonly scope: string;
  readonly owner_id: string;
  readonly endpoint_id: string;
  /** The session the tokens belong to (TokenInfo requires it). */
  readonly session_id: string;
}

interface AccessEntry {
  readonly expiresAt: number;
  firstUsedAt: number | null;
}

interface RefreshEntry {
  readonly expiresAt: number;
  /** The pair issued when this refresh token was used, for the documented grace period. */
  usedFor: RcTokenPair | null;
  usedAt: number | null;
}

export type TokenCheck = 'ok' | 'missing' | 'corrupted' | 'expired';

export class RcTokenStore {
  private readonly access = new Map<string, AccessEntry>();
  private readonly refresh = new Map<string, RefreshEntry>();
  /** Which access token a refresh token's pair carries, to kill it at the next refresh. */
  private readonly accessOfRefresh = new Map<string, string>();

  constructor(
    private readonly accessTtlSeconds: number,
    private readonly refreshTtlSeconds: number,
    private readonly ownerId: string,
    private readonly now: () => number,
  ) {}

  issue(): RcTokenPair {
    const accessToken = `rc-at-${randomBytes(24).toString('base64url')}`;
    const refreshToken = `rc-rt-${randomBytes(24).toString('base64url')}`;
    this.access.set(accessToken, { expiresAt: this.now() + this.accessTtlSeconds * 1000, firstUsedAt: null });
    this.refresh.set(refreshToken, { expiresAt: this.now() + this.refreshTtlSeconds * 1000, usedFor: null, usedAt: null });
    this.accessOfRefresh.set(refreshToken, accessToken);
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: this.accessTtlSeconds,
      refresh_token: refreshToken,
      refresh_token_expires_in: this.refreshTtlSeconds,
      scope: 'ReadAccounts ReadCallLog ReadCallRecording',
      owner_id: this.ownerId,
      endpoint_id: 'sandbox-endpoint',
      session_id: `rc-session-${randomBytes(8).toString('hex')}`,
    };
  }

  /** A new pair for a refresh token, or null when it is unknown, expired or already spent. */
  refreshWith(token: string): RcTokenPair | null {
    const entry = this.refresh.get(token);
    if (!entry || entry.expiresAt <= this.now()) return null;
    if (entry.usedFor) {
      const issued = this.access.get(entry.usedFor.access_token);
      const firstUse = issued?.firstUsedAt ?? null;
      const withinGrace =
        (firstUse === null && this.now() - entry.usedAt! < 60 * 60 * 1000) || (firstUse !== null && this.now() - firstUse < 10_000);
      return withinGrace ? entry.usedFor : null;
    }
    const old = this.accessOfRefresh.get(token);
    if (old) this.access.delete(old);
    const pair = this.issue();
    entry.usedFor = pair;
    entry.usedAt = this.now();
    return pair;
  }

  check(authorization: string | undefined): TokenCheck {
    const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
    if (!match) return 'missing';
    const entry = this.access.get(match[1]!);
    if (!entry) return 'corrupted';
    if (entry.expiresAt <= this.now()) return 'expired';
    entry.firstUsedAt ??= this.now();
    return 'ok';
  }

  /** Tokens in a media URL's ?access_token= are allowed on the media host only (vendors.md §1.5). */
  checkToken(token: string): TokenCheck {
    return this.check(`Bearer ${token}`);
  }
}
