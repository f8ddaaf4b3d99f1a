import { Provider } from '../../domain/enums';
import { RateLimits } from '../../upstream/rate-budget';
import { UpstreamSettings, accountUpstream } from '../upstream-settings';
import { TP_RATE_PLAN } from './rate-plan';
import { TelphinClient } from './client';
import { TpCredentials, TpTokenManager } from './token-manager';
import { TelphinAdapter } from './telphin-adapter';

export interface TelphinAccountSettings {
  readonly key: string;
  readonly baseUrl?: string;
  readonly credentials: TpCredentials;
  /** The numeric Telphin client id; default "@me", the token's own client. */
  readonly telphinClientId?: string;
  readonly defaultCountry?: string;
  readonly pageSize?: number;
  readonly rateLimits?: RateLimits;
}

/** Telphin's production host (vendors.md §3). */
export const TP_DEFAULT_BASE_URL = 'https://apiproxy.telphin.ru';

export function createTelphinAdapter(account: TelphinAccountSettings, upstream: UpstreamSettings): TelphinAdapter {
  const baseUrl = (account.baseUrl ?? TP_DEFAULT_BASE_URL).replace(/\/$/, '');
  // The hourly quota is shared by every app of a Telphin client (vendors.md §3.6): accounts naming the same
  // client, or using the same app when the client is "@me", spend one budget.
  const quotaHolder = `${baseUrl}|${account.telphinClientId && account.telphinClientId !== '@me' ? `client:${account.telphinClientId}` : `app:${account.credentials.clientId}`}`;
  const { http, reads, retry } = accountUpstream(upstream, { vendor: Provider.TELPHIN, account: account.key, plan: TP_RATE_PLAN, quotaHolder, ...(account.rateLimits ? { rateLimits: account.rateLimits } : {}) });
  const client = new TelphinClient(http, new TpTokenManager(http, baseUrl, account.credentials), { provider: Provider.TELPHIN, account: account.key }, retry);
  return new TelphinAdapter({
    account: account.key,
    // The client id is digits (checked by the configuration) or "@me", safe in a path as it is.
    apiBase: `${baseUrl}/api/ver1.0/client/${account.telphinClientId ?? '@me'}`,
    client,
    ...(account.defaultCountry ? { defaultCountry: account.defaultCountry } : {}),
    directoryTtlMs: upstream.directoryTtlMs,
    reads,
    ...(account.pageSize ? { pageSize: account.pageSize } : {}),
  });
}
