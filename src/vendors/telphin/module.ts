import { z } from 'zod';
import { bearerAuth } from '../../upstream/bearer-auth';
import { composeAccountStack } from '../../upstream/policy-stack';
import { credentialsOf, defineVendor, requiredCredential } from '../vendor-module';
import { isStatisticsRequest, tpFailure, tpRateReports, tpRetryAdvice } from './client';
import { TELPHIN } from './provider-id';
import { TP_RATE_PLAN } from './rate-plan';
import { TelphinAdapter } from './telphin-adapter';
import { TpTokenManager } from './token-manager';

/** Telphin's production host (vendors.md §3). */
export const TP_DEFAULT_BASE_URL = 'https://apiproxy.telphin.ru';

const credential = requiredCredential(TELPHIN);

export const telphinModule = defineVendor({
  provider: TELPHIN,
  description: 'Telphin (REST calls, page and per_page).',
  accountSettings: {
    baseUrl: z.url().optional(),
    /** The trusted application's App ID and App Secret (vendors.md §3.1). */
    credentials: credentialsOf({ clientId: credential, clientSecret: credential }),
    /** The numeric client id to read (default: the token's own client, "@me"). */
    telphinClientId: z.string().regex(/^\d{1,12}$/, 'must be a numeric Telphin client id').optional(),
    /** Rows per page: default and at most 500. */
    pageSize: z.number().int().min(1).max(10_000).optional(),
  },
  ratePlan: TP_RATE_PLAN,
  createAdapter(account, upstream) {
    const baseUrl = (account.baseUrl ?? TP_DEFAULT_BASE_URL).replace(/\/$/, '');
    const ref = { provider: TELPHIN, account: account.key };
    // The hourly quota is shared by every app of a Telphin client (vendors.md §3.6): accounts naming the same
    // client, or using the same app when the client is "@me", spend one budget.
    const quotaHolder = `${baseUrl}|${account.telphinClientId ? `client:${account.telphinClientId}` : `app:${account.credentials.clientId}`}`;
    const stack = composeAccountStack(upstream, {
      account: ref,
      plan: TP_RATE_PLAN,
      quotaHolder,
      ...(account.rateLimits ? { rateLimits: account.rateLimits } : {}),
      rateReports: tpRateReports,
      failureReading: (operation, error) => tpFailure(ref, operation, error),
      retryAdvice: tpRetryAdvice,
      oneAtATime: isStatisticsRequest,
      auth: (inner) => bearerAuth(new TpTokenManager(inner, baseUrl, account.credentials)),
    });
    return new TelphinAdapter({
      account: account.key,
      // The client id is digits (checked by the configuration) or "@me", safe in a path as it is.
      apiBase: `${baseUrl}/api/ver1.0/client/${account.telphinClientId ?? '@me'}`,
      stack,
      ...(account.defaultCountry ? { defaultCountry: account.defaultCountry } : {}),
      directoryTtlMs: upstream.directoryTtlMs,
      ...(account.pageSize ? { pageSize: account.pageSize } : {}),
    });
  },
});
