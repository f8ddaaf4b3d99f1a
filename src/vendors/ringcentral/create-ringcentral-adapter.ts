import { Provider } from '../../domain/enums';
import { RateLimits } from '../../upstream/rate-budget';
import { UpstreamSettings, accountUpstream } from '../upstream-settings';
import { RC_RATE_PLAN } from './rate-plan';
import { RingCentralClient } from './client';
import { RingCentralAdapter } from './ringcentral-adapter';
import { RcCredentials, RcTokenManager } from './token-manager';

export interface RingCentralAccountSettings {
  readonly key: string;
  readonly baseUrl?: string;
  readonly mediaBaseUrl?: string;
  readonly credentials: RcCredentials;
  readonly extensionId?: string;
  readonly defaultCountry?: string;
  readonly rateLimits?: RateLimits;
}

/** RingCentral's production hosts (vendors.md §1): the API, and media for recording content. */
export const RC_DEFAULT_BASE_URL = 'https://platform.ringcentral.com';
export const RC_DEFAULT_MEDIA_URL = 'https://media.ringcentral.com';

export function createRingCentralAdapter(account: RingCentralAccountSettings, upstream: UpstreamSettings): RingCentralAdapter {
  const baseUrl = (account.baseUrl ?? RC_DEFAULT_BASE_URL).replace(/\/$/, '');
  const mediaBaseUrl = (account.mediaBaseUrl ?? RC_DEFAULT_MEDIA_URL).replace(/\/$/, '');
  // Limits are per user and app (vendors.md §1.8): each configured account is its own quota holder.
  const { http, reads, retry } = accountUpstream(upstream, { vendor: Provider.RINGCENTRAL, account: account.key, plan: RC_RATE_PLAN, quotaHolder: account.key, ...(account.rateLimits ? { rateLimits: account.rateLimits } : {}) });
  const tokens = new RcTokenManager(http, baseUrl, account.credentials);
  const client = new RingCentralClient(http, tokens, { provider: Provider.RINGCENTRAL, account: account.key }, retry);
  return new RingCentralAdapter({
    account: account.key,
    baseUrl,
    mediaBaseUrl,
    client,
    extensionId: account.extensionId ?? null,
    ...(account.defaultCountry ? { defaultCountry: account.defaultCountry } : {}),
    directoryTtlMs: upstream.directoryTtlMs,
    reads,
  });
}
