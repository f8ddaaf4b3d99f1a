import { z } from 'zod';
import { bearerAuth } from '../../upstream/bearer-auth';
import { AccountStack, UpstreamSettings, composeAccountStack } from '../../upstream/policy-stack';
import { RateLimits } from '../../upstream/rate-budget';
import { credentialsOf, defineVendor, requiredCredential } from '../vendor-module';
import { rcFailure, rcRateReports } from './client';
import { RINGCENTRAL } from './provider-id';
import { RC_RATE_PLAN } from './rate-plan';
import { RingCentralAdapter } from './ringcentral-adapter';
import { RcCredentials, RcTokenManager } from './token-manager';

/** RingCentral's production hosts (vendors.md §1): the API, and media for recording content. */
export const RC_DEFAULT_BASE_URL = 'https://platform.ringcentral.com';
export const RC_DEFAULT_MEDIA_URL = 'https://media.ringcentral.com';

const credential = requiredCredential(RINGCENTRAL);

/** The settings of a RingCentral account (the module's account schema, parsed). */
export interface RingCentralAccount {
  readonly key: string;
  readonly baseUrl?: string;
  readonly credentials: RcCredentials;
  readonly rateLimits?: RateLimits;
}

/** One RingCentral account's policy stack: its rate groups, bearer tokens from the JWT flow, and its failure reading. */
export function ringcentralStack(account: RingCentralAccount, upstream: UpstreamSettings): AccountStack {
  const baseUrl = (account.baseUrl ?? RC_DEFAULT_BASE_URL).replace(/\/$/, '');
  const ref = { provider: RINGCENTRAL, account: account.key };
  return composeAccountStack(upstream, {
    account: ref,
    plan: RC_RATE_PLAN,
    // Limits are per user and app (vendors.md §1.8): each configured account is its own quota holder.
    quotaHolder: account.key,
    ...(account.rateLimits ? { rateLimits: account.rateLimits } : {}),
    rateReports: rcRateReports,
    failureReading: (operation, error) => rcFailure(ref, operation, error),
    auth: (inner) => bearerAuth(new RcTokenManager(inner, baseUrl, account.credentials)),
  });
}

export const ringcentralModule = defineVendor({
  provider: RINGCENTRAL,
  description: 'RingCentral (REST call log, page numbers).',
  accountSettings: {
    baseUrl: z.url().optional(),
    mediaBaseUrl: z.url().optional(),
    /** The JWT auth flow (vendors.md §1.1). */
    credentials: credentialsOf({ clientId: credential, clientSecret: credential, jwt: credential }),
    /** Read this extension's call log instead of the company call log. */
    extensionId: z.string().regex(/^(~|\d{1,20})$/, 'must be "~" or a numeric extension id').optional(),
    /** Follow changes through Call Log Sync (default true); false makes the change feed re-read windows instead. */
    callLogSync: z.boolean().optional(),
  },
  ratePlan: RC_RATE_PLAN,
  createAdapter(account, upstream) {
    return new RingCentralAdapter({
      account: account.key,
      baseUrl: (account.baseUrl ?? RC_DEFAULT_BASE_URL).replace(/\/$/, ''),
      mediaBaseUrl: (account.mediaBaseUrl ?? RC_DEFAULT_MEDIA_URL).replace(/\/$/, ''),
      stack: ringcentralStack(account, upstream),
      extensionId: account.extensionId ?? null,
      ...(account.defaultCountry ? { defaultCountry: account.defaultCountry } : {}),
      directoryTtlMs: upstream.directoryTtlMs,
      ...(account.callLogSync !== undefined ? { callLogSync: account.callLogSync } : {}),
    });
  },
});
