import { Provider } from '../../domain/enums';
import { RateLimits } from '../../upstream/rate-budget';
import { UpstreamSettings, accountUpstream } from '../upstream-settings';
import { CG_RATE_PLAN } from './rate-plan';
import { CallGearAdapter } from './callgear-adapter';
import { CallGearClient, CgCredentials } from './client';

export interface CallGearAccountSettings {
  readonly key: string;
  readonly baseUrl?: string;
  readonly mediaBaseUrl?: string;
  readonly credentials: CgCredentials;
  readonly timeZone: string;
  readonly defaultCountry?: string;
  readonly pageSize?: number;
  readonly rateLimits?: RateLimits;
}

/** CallGear's production hosts (vendors.md §2, §2.8): the Data API, and the app host serving recordings. */
export const CG_DEFAULT_BASE_URL = 'https://dataapi.callgear.com';
export const CG_DEFAULT_MEDIA_URL = 'https://app.callgear.com';

export function createCallGearAdapter(account: CallGearAccountSettings, upstream: UpstreamSettings): CallGearAdapter {
  const baseUrl = (account.baseUrl ?? CG_DEFAULT_BASE_URL).replace(/\/$/, '');
  const { http, reads, retry } = accountUpstream(upstream, { vendor: Provider.CALLGEAR, account: account.key, plan: CG_RATE_PLAN, quotaHolder: account.key, ...(account.rateLimits ? { rateLimits: account.rateLimits } : {}) });
  const client = new CallGearClient(http, `${baseUrl}/v2.0`, account.credentials, { provider: Provider.CALLGEAR, account: account.key }, retry);
  return new CallGearAdapter({
    account: account.key,
    timeZone: account.timeZone,
    ...(account.defaultCountry ? { defaultCountry: account.defaultCountry } : {}),
    mediaBaseUrl: (account.mediaBaseUrl ?? CG_DEFAULT_MEDIA_URL).replace(/\/$/, ''),
    client,
    http,
    directoryTtlMs: upstream.directoryTtlMs,
    reads,
    ...(account.pageSize ? { pageSize: account.pageSize } : {}),
  });
}
