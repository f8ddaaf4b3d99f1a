import { z } from 'zod';
import { isValidTimeZone } from '../../lib/zoned-time';
import { composeAccountStack } from '../../upstream/policy-stack';
import { defineVendor } from '../vendor-module';
import { CallGearAdapter } from './callgear-adapter';
import { CgCredentials, callgearAuth } from './cg-auth';
import { cgFailure, cgRateReports } from './client';
import { CALLGEAR } from './provider-id';
import { CG_RATE_PLAN } from './rate-plan';

/** CallGear's production hosts (vendors.md §2, §2.8): the Data API, and the app host serving recordings. */
export const CG_DEFAULT_BASE_URL = 'https://dataapi.callgear.com';
export const CG_DEFAULT_MEDIA_URL = 'https://app.callgear.com';

const credentials = z
  .object({ accessToken: z.string().min(1).optional(), login: z.string().min(1).optional(), password: z.string().min(1).optional() })
  .strict()
  .prefault({})
  // A permanent API key, or a user's login and password for temporary keys (vendors.md §2.1).
  .refine((c) => c.accessToken !== undefined || (c.login !== undefined && c.password !== undefined), `a live ${CALLGEAR} account needs accessToken, or login + password`)
  .transform((c): CgCredentials => (c.accessToken !== undefined ? { accessToken: c.accessToken } : { login: c.login!, password: c.password! }));

export const callgearModule = defineVendor({
  provider: CALLGEAR,
  description: 'CallGear Data API (JSON-RPC reports, offsets).',
  accountSettings: {
    baseUrl: z.url().optional(),
    mediaBaseUrl: z.url().optional(),
    credentials,
    /**
     * IANA zone of the account, optional: CallGear reports its own (get.account, vendors.md §2.9), which is used;
     * a configured zone that differs is logged as a warning.
     */
    timeZone: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as "Europe/Berlin"').optional(),
    /** Rows per report request: default 1000, at most 10 000. */
    pageSize: z.number().int().min(1).max(10_000).optional(),
  },
  ratePlan: CG_RATE_PLAN,
  createAdapter(account, upstream) {
    // The JSON-RPC endpoint is {base}/v2.0 (vendors.md §2.2): a base given with the suffix is taken as meant.
    const baseUrl = (account.baseUrl ?? CG_DEFAULT_BASE_URL).replace(/\/+$/, '').replace(/\/v2\.0$/, '');
    const endpoint = `${baseUrl}/v2.0`;
    const ref = { provider: CALLGEAR, account: account.key };
    const stack = composeAccountStack(upstream, {
      account: ref,
      plan: CG_RATE_PLAN,
      quotaHolder: account.key,
      ...(account.rateLimits ? { rateLimits: account.rateLimits } : {}),
      rateReports: cgRateReports,
      failureReading: (method, error) => cgFailure(ref, method, error),
      auth: callgearAuth(account.credentials, endpoint),
    });
    return new CallGearAdapter({
      account: account.key,
      ...(account.timeZone ? { configuredTimeZone: account.timeZone } : {}),
      ...(account.defaultCountry ? { defaultCountry: account.defaultCountry } : {}),
      mediaBaseUrl: (account.mediaBaseUrl ?? CG_DEFAULT_MEDIA_URL).replace(/\/$/, ''),
      stack,
      endpoint,
      directoryTtlMs: upstream.directoryTtlMs,
      ...(account.pageSize ? { pageSize: account.pageSize } : {}),
    });
  },
});
