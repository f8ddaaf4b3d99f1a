import { Provider } from '../../domain/enums';
import { UpstreamHttp } from '../../upstream/upstream-http';
import { UpstreamSettings, accountRetryPolicy } from '../upstream-settings';
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
}

/** RingCentral's production hosts (vendors.md §1): the API, and media for recording content. */
export const RC_DEFAULT_BASE_URL = 'https://platform.ringcentral.com';
export const RC_DEFAULT_MEDIA_URL = 'https://media.ringcentral.com';

export function createRingCentralAdapter(account: RingCentralAccountSettings, upstream: UpstreamSettings): RingCentralAdapter {
  const baseUrl = (account.baseUrl ?? RC_DEFAULT_BASE_URL).replace(/\/$/, '');
  const mediaBaseUrl = (account.mediaBaseUrl ?? RC_DEFAULT_MEDIA_URL).replace(/\/$/, '');
  const http = new UpstreamHttp({ vendor: Provider.RINGCENTRAL, account: account.key, timeoutMs: upstream.timeoutMs, counter: upstream.counter });
  const tokens = new RcTokenManager(http, baseUrl, account.credentials);
  const client = new RingCentralClient(http, tokens, { provider: Provider.RINGCENTRAL, account: account.key }, accountRetryPolicy(upstream, Provider.RINGCENTRAL, account.key));
  return new RingCentralAdapter({
    account: account.key,
    baseUrl,
    mediaBaseUrl,
    client,
    extensionId: account.extensionId ?? null,
    ...(account.defaultCountry ? { defaultCountry: account.defaultCountry } : {}),
    directoryTtlMs: upstream.directoryTtlMs,
  });
}
