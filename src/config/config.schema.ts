import { z } from 'zod';
import { isValidTimeZone } from '../lib/zoned-time';
import { RC_RATE_PLAN } from '../vendors/ringcentral/rate-plan';
import { CG_RATE_PLAN } from '../vendors/callgear/rate-plan';
import { TP_RATE_PLAN } from '../vendors/telphin/rate-plan';

const accountKey = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be 1-63 lower-case letters, digits, "-" or "_"');

const account = z
  .object({
    key: accountKey,
    provider: z.enum(['RINGCENTRAL', 'CALLGEAR', 'TELPHIN']),
    /**
     * Where the account's data comes from: `sandbox` serves the embedded sandbox data set (no vendor account
     * needed); `live` talks to the vendor with `credentials`.
     */
    source: z.enum(['sandbox', 'live']).default('live'),
    baseUrl: z.url().optional(),
    mediaBaseUrl: z.url().optional(),
    credentials: z.record(z.string(), z.string().min(1)).optional(),
    /** IANA zone of the account (CallGear reports carry no offset). */
    timeZone: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as "Europe/Berlin"').default('UTC'),
    /** ISO country for numbers the vendor sends without a country code. */
    defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as "US"').optional(),
    /** Rows per vendor list request: CallGear default 1000 (at most 10000), Telphin default 500 (at most 500). */
    pageSize: z.number().int().min(1).max(10_000).optional(),
    /** Telphin: the numeric client id to read (default: the token's own client, "@me"). */
    telphinClientId: z.string().regex(/^\d{1,12}$/, 'must be a numeric Telphin client id').optional(),
    /** RingCentral: read this extension's call log instead of the company call log. */
    extensionId: z.string().regex(/^(~|\d{1,20})$/, 'must be "~" or a numeric extension id').optional(),
    /**
     * The account's request limits by vendor rate group, replacing the documented defaults group by group
     * (e.g. a RingCentral plan with higher limits, or the hourly quota Telphin set for this client).
     */
    rateLimits: z
      .record(z.string(), z.array(z.object({ limit: z.number().int().min(1), windowSeconds: z.number().positive().max(86_400 * 31) }).strict()).min(1))
      .optional(),
  })
  .strict();

/** Each vendor's rate groups (their documented limits are the defaults `rateLimits` may replace). */
const RATE_GROUPS: Record<string, readonly string[]> = {
  RINGCENTRAL: Object.keys(RC_RATE_PLAN.groups),
  CALLGEAR: Object.keys(CG_RATE_PLAN.groups),
  TELPHIN: Object.keys(TP_RATE_PLAN.groups),
};

/**
 * Credentials each vendor's live adapter needs, as alternative sets (vendors.md §1.1, §2.1, §3.1):
 * CallGear takes a permanent API key, or a user's login and password for temporary keys.
 */
const REQUIRED_CREDENTIALS: Record<string, ReadonlyArray<readonly string[]>> = {
  RINGCENTRAL: [['clientId', 'clientSecret', 'jwt']],
  CALLGEAR: [['accessToken'], ['login', 'password']],
  TELPHIN: [['clientId', 'clientSecret']],
};

const tenant = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/, 'must be 1-63 letters, digits, "-" or "_"'),
    accounts: z.array(accountKey).min(1),
    /** SHA-256 of each API key, as "sha256:<64 hex>": the keys themselves are never stored. */
    apiKeys: z.array(z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" followed by 64 lower-case hex digits')).min(1),
  })
  .strict();

export const configSchema = z
  .object({
    /** HMAC secret for cursors and recording links (at least 32 characters; give it from the environment). */
    signingSecret: z.string().min(32, 'must be at least 32 characters'),
    /** Public base URL for recording links; default: from each request's Host. */
    publicUrl: z.url().optional(),
    paging: z
      .object({
        maxVendorPagesPerPage: z.number().int().min(1).max(100).default(10),
        cursorMaxAgeHours: z.number().positive().max(24 * 30).default(24),
      })
      .strict()
      .prefault({}),
    /** Policies of every vendor request. */
    upstream: z
      .object({
        timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
        retryAttempts: z.number().int().min(1).max(10).default(3),
        /** A vendor asking to wait longer than this (Retry-After) fails the request at once with RATE_LIMITED. */
        maxRetryAfterSeconds: z.number().int().min(0).max(600).default(30),
        /** How long an extension directory is reused. */
        directoryTtlSeconds: z.number().int().min(0).max(86_400).default(300),
        /** Consecutive vendor failures that open an account's circuit breaker. */
        breakerFailureThreshold: z.number().int().min(1).max(100).default(5),
        /** How long an open circuit fails fast before a probe may try the vendor again. */
        breakerHalfOpenSeconds: z.number().min(0.1).max(3600).default(10),
        /** The longest a GraphQL operation may take; upstream waits (rate budgets, Retry-After) that would pass it fail at once with RATE_LIMITED. */
        operationDeadlineSeconds: z.number().min(1).max(600).default(30),
        /** How long a vendor list page is reused by later pages of a walk and by concurrent walks (0: not kept). */
        listPageTtlSeconds: z.number().min(0).max(3600).default(60),
        /** Upstream answers kept in memory at most (list pages, directories, employees), least recently used out first. */
        cacheMaxEntries: z.number().int().min(1).max(1_000_000).default(5000),
        /** Requests to one vendor account that may run at once, and that may wait behind them. */
        maxConcurrentPerAccount: z.number().int().min(1).max(256).default(8),
        maxQueuedPerAccount: z.number().int().min(0).max(100_000).default(500),
      })
      .strict()
      .prefault({}),
    recordings: z.object({ linkTtlSeconds: z.number().int().min(60).max(86_400).default(3600) }).strict().prefault({}),
    /** The embedded data set behind `source: sandbox` accounts. */
    sandbox: z
      .object({
        seed: z.number().int().default(20261122),
        callsPerVendor: z.number().int().min(0).max(200_000).default(3000),
        days: z.number().int().min(1).max(366).default(30),
      })
      .strict()
      .prefault({}),
    accounts: z.array(account).min(1),
    tenants: z.array(tenant).min(1),
    /** Tenant that requests without an API key act as (sandbox only: the demo); absent = a key is required. */
    anonymousTenant: z.string().optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const keys = new Set<string>();
    config.accounts.forEach((a, i) => {
      if (keys.has(a.key)) ctx.addIssue({ code: 'custom', path: ['accounts', i, 'key'], message: `duplicate account key "${a.key}"` });
      keys.add(a.key);
      for (const group of Object.keys(a.rateLimits ?? {})) {
        if (!RATE_GROUPS[a.provider]!.includes(group)) {
          ctx.addIssue({ code: 'custom', path: ['accounts', i, 'rateLimits', group], message: `${a.provider} has no rate group "${group}" (its groups: ${RATE_GROUPS[a.provider]!.join(', ')})` });
        }
      }
      if (a.source !== 'live') return;
      const required = REQUIRED_CREDENTIALS[a.provider]!;
      if (required.some((set) => set.every((name) => a.credentials?.[name]))) return;
      const [first] = required;
      if (required.length === 1) {
        for (const name of first!) {
          if (!a.credentials?.[name]) ctx.addIssue({ code: 'custom', path: ['accounts', i, 'credentials', name], message: `is required for a live ${a.provider} account` });
        }
      } else {
        const options = required.map((set) => set.join(' + ')).join(', or ');
        ctx.addIssue({ code: 'custom', path: ['accounts', i, 'credentials'], message: `a live ${a.provider} account needs ${options}` });
      }
    });
    const names = new Set<string>();
    config.tenants.forEach((t, i) => {
      if (names.has(t.name)) ctx.addIssue({ code: 'custom', path: ['tenants', i, 'name'], message: `duplicate tenant "${t.name}"` });
      names.add(t.name);
      t.accounts.forEach((key, j) => {
        if (!keys.has(key)) ctx.addIssue({ code: 'custom', path: ['tenants', i, 'accounts', j], message: `no account has the key "${key}"` });
      });
    });
    if (config.anonymousTenant !== undefined && !names.has(config.anonymousTenant)) {
      ctx.addIssue({ code: 'custom', path: ['anonymousTenant'], message: `no tenant is named "${config.anonymousTenant}"` });
    }
  });

export type CallbridgeConfig = z.infer<typeof configSchema>;
export type AccountConfig = CallbridgeConfig['accounts'][number];
export type TenantConfig = CallbridgeConfig['tenants'][number];
