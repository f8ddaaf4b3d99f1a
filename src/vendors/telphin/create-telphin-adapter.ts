import { Provider } from '../../domain/enums';
import { UpstreamHttp } from '../../upstream/upstream-http';
import { UpstreamSettings, accountRetryPolicy } from '../upstream-settings';
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
}

/** Telphin's production host (vendors.md §3). */
export const TP_DEFAULT_BASE_URL = 'https://apiproxy.telphin.ru';

export function createTelphinAdapter(account: TelphinAccountSettings, upstream: UpstreamSettings): TelphinAdapter {
  const baseUrl = (account.baseUrl ?? TP_DEFAULT_BASE_URL).replace(/\/$/, '');
  const http = new UpstreamHttp({ vendor: Provider.TELPHIN, account: account.key, timeoutMs: upstream.timeoutMs, counter: upstream.counter });
  const client = new TelphinClient(http, new TpTokenManager(http, baseUrl, account.credentials), { provider: Provider.TELPHIN, account: account.key }, accountRetryPolicy(upstream, Provider.TELPHIN, account.key));
  return new TelphinAdapter({
    account: account.key,
    // The client id is digits (checked by the configuration) or "@me", safe in a path as it is.
    apiBase: `${baseUrl}/api/ver1.0/client/${account.telphinClientId ?? '@me'}`,
    client,
    ...(account.defaultCountry ? { defaultCountry: account.defaultCountry } : {}),
    directoryTtlMs: upstream.directoryTtlMs,
    ...(account.pageSize ? { pageSize: account.pageSize } : {}),
  });
}
