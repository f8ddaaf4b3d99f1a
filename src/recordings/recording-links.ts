import { byteBoundedMemo } from '../lib/byte-bounded-memo';
import { Provider } from '../domain/provider';
import { PROVIDERS } from '../vendors/registry';
import { Signer } from '../lib/signer';

/** What a recording URL grants: one recording of one account, to one tenant, until it expires. */
export interface RecordingGrant {
  readonly tenant: string;
  readonly provider: Provider;
  readonly account: string;
  readonly nativeId: string;
  /** Expiry, epoch seconds. */
  readonly exp: number;
}

const PURPOSE = 'recording';

/** Signed, expiring links to the recording route. Vendor tokens never appear in them. */
export class RecordingLinks {
  /**
   * Links signed this minute, by everything they encode: a page asks for the url and the expiry of each
   * recording, and the next requests for the same page ask again; an expiry rounded to the minute makes them
   * the same link, signed once. Bounded in bytes.
   */
  private readonly signed = byteBoundedMemo<{ url: string; expiresAt: Date }>(4 * 1024 * 1024, (link) => 2 * link.url.length + 32);

  constructor(
    private readonly signer: Signer,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A link for the grant, working for `ttlSeconds` (the configured TTL; CRM notes keep theirs longer). */
  link(baseUrl: string, grant: Omit<RecordingGrant, 'exp'>, ttlSeconds: number = this.ttlSeconds): { url: string; expiresAt: Date } {
    // Expiry is rounded to the minute so that one page hands out the same URL for the same recording.
    const exp = Math.ceil((this.now() / 1000 + ttlSeconds) / 60) * 60;
    return this.signed(JSON.stringify([exp, grant.tenant, grant.provider, grant.account, grant.nativeId, baseUrl]), () => {
      const token = this.signer.sign(PURPOSE, { tn: grant.tenant, p: grant.provider, a: grant.account, r: grant.nativeId, exp });
      return { url: `${baseUrl}/recordings/${token}`, expiresAt: new Date(exp * 1000) };
    });
  }

  /** The grant of a token, 'expired', or null when the token is not one of ours. */
  verify(token: string): RecordingGrant | 'expired' | null {
    const payload = this.signer.verify(PURPOSE, token) as Record<string, unknown> | null;
    if (!payload || typeof payload !== 'object') return null;
    const { tn, p, a, r, exp } = payload;
    if (typeof tn !== 'string' || typeof p !== 'string' || typeof a !== 'string' || typeof r !== 'string' || typeof exp !== 'number') return null;
    if (!PROVIDERS.includes(p)) return null;
    if (exp * 1000 <= this.now()) return 'expired';
    return { tenant: tn, provider: p as Provider, account: a, nativeId: r, exp };
  }
}
