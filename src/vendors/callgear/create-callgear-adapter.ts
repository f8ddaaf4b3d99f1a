import { Provider } from '../../domain/enums';
import { UpstreamHttp } from '../../upstream/upstream-http';
import { UpstreamSettings, accountRetryPolicy } from '../upstream-settings';
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
}

/** CallGear's production hosts (vendors.md §2, §2.8): the Data API, and the app host serving recordings. */
export const CG_DEFAULT_BASE_URL = 'https://dataapi.callgear.com';
export const CG_DEFAULT_MEDIA_URL = 'https://app.callgear.com';

export function createCallGearAdapter(account: CallGearAccountSettings, upstream: UpstreamSettings): CallGearAdapter {
  const baseUrl = (account.baseUrl ?? CG_DEFAULT_BASE_URL).replace(/\/$/, '');
  const http = new UpstreamHttp({ vendor: Provider.CALLGEAR, account: account.key, timeoutMs: upstream.timeoutMs, counter: upstream.counter });
  const client = new CallGearClient(http, `${baseUrl}/v2.0`, account.credentials, { provider: Provider.CALLGEAR, account: account.key }, accountRetryPolicy(upstream, Provider.CALLGEAR, account.key));
  return new CallGearAdapter({
    account: account.key,
    timeZone: account.timeZone,
    ...(account.defaultCountry ? { defaultCountry: account.defaultCountry } : {}),
    mediaBaseUrl: (account.mediaBaseUrl ?? CG_DEFAULT_MEDIA_URL).replace(/\/$/, ''),
    client,
    http,
    directoryTtlMs: upstream.directoryTtlMs,
    ...(account.pageSize ? { pageSize: account.pageSize } : {}),
  });
}
