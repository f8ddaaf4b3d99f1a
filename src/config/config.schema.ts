import { z } from 'zod';
import { VENDORS } from '../vendors/registry';
import { VendorModule } from '../vendors/vendor-module';

const accountKey = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be 1-63 lower-case letters, digits, "-" or "_"');

const rateWindow = z.object({ limit: z.number().int().min(1), windowSeconds: z.number().positive().max(86_400 * 31) }).strict();

/**
 * One vendor's accounts: what every account has (key, provider, defaultCountry, rateLimits by the vendor's
 * own rate groups) and the settings the vendor module adds.
 */
function accountOf(vendor: VendorModule) {
  const groups = Object.keys(vendor.ratePlan.groups);
  return z
    .object({
      key: accountKey,
      provider: z.literal(vendor.provider),
      /** ISO country for numbers the vendor sends without a country code. */
      defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as "US"').optional(),
      /**
       * The account's request limits by vendor rate group, replacing the documented defaults group by group
       * (e.g. a RingCentral plan with higher limits, or the hourly quota Telphin set for this client).
       */
      rateLimits: z
        .record(z.string(), z.array(rateWindow).min(1))
        .superRefine((limits, ctx) => {
          for (const group of Object.keys(limits)) {
            if (!groups.includes(group)) ctx.addIssue({ code: 'custom', path: [group], message: `${vendor.provider} has no rate group "${group}" (its groups: ${groups.join(', ')})` });
          }
        })
        .optional(),
      ...vendor.accountSettings,
    })
    .strict();
}

const [firstVendor, ...otherVendors] = VENDORS.map(accountOf);
const account = z.discriminatedUnion('provider', [firstVendor!, ...otherVendors]);

const tenant = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/, 'must be 1-63 letters, digits, "-" or "_"'),
    accounts: z.array(accountKey).min(1),
    /** SHA-256 of each API key, as "sha256:<64 hex>": the keys themselves are never stored. */
    apiKeys: z.array(z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" followed by 64 lower-case hex digits')).min(1),
  })
  .strict();

/** What one GraphQL request may ask for (docs/security.md). */
const requestLimits = z
  .object({
    /** The most vendor requests one operation may be estimated to cause (an upper bound, reported in extensions.cost). */
    maxQueryCost: z.number().int().min(1).max(100_000).default(150),
    /** The most call sessions one operation may answer (its aliases' `first` together): this bounds the answer's size. */
    maxRowsPerOperation: z.number().int().min(100).max(100_000).default(300),
    /** Selection depth (introspection aside), aliases, tokens and directives of one document. */
    maxDepth: z.number().int().min(2).max(100).default(12),
    maxAliases: z.number().int().min(0).max(1000).default(20),
    maxTokens: z.number().int().min(100).max(100_000).default(3000),
    maxDirectives: z.number().int().min(0).max(1000).default(20),
    /** Requests one tenant may make in any minute, and have in progress at once (HTTP 429 past either). */
    tenantRequestsPerMinute: z.number().int().min(1).max(1_000_000).default(300),
    tenantMaxConcurrent: z.number().int().min(1).max(10_000).default(16),
    /** Requests one API key may make in any minute (a tenant's keys share the tenant's limit too). */
    keyRequestsPerMinute: z.number().int().min(1).max(1_000_000).default(200),
  })
  .strict();

/** How the HTTP server faces the world (docs/security.md). Unset switches follow `mode`. */
const serverSettings = z
  .object({
    /** Schema introspection; default: on in the sandbox, off in production. */
    introspection: z.boolean().optional(),
    /** The GraphiQL playground at GET /graphql (it needs introspection); default: on in the sandbox, off in production. */
    graphiql: z.boolean().optional(),
    /** The sample call explorer (examples/call-explorer) at /explorer/; default: on in the sandbox, off in production. */
    explorer: z.boolean().optional(),
    /** "Did you mean ...?" in validation errors (they read the schema out); default: off. */
    fieldSuggestions: z.boolean().default(false),
    /** Browser origins that may call the API (CORS), e.g. "https://app.example.com"; default: none in production, local development origins in the sandbox. */
    corsOrigins: z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be an origin: scheme://host[:port], no path')).max(100).optional(),
    /** Prometheus metrics on a listener of their own; default: 127.0.0.1:9464 in production, the API port in the sandbox. */
    metricsPort: z.number().int().min(0).max(65_535).optional(),
    metricsHost: z.string().default('127.0.0.1'),
    /** Slow and idle clients: time to send the headers, the whole request, and idle time between keep-alive requests. */
    headersTimeoutMs: z.number().int().min(1000).max(600_000).default(10_000),
    requestTimeoutMs: z.number().int().min(1000).max(3_600_000).default(60_000),
    keepAliveTimeoutMs: z.number().int().min(100).max(600_000).default(5_000),
    /** Open connections at most; more are closed as they arrive. */
    maxConnections: z.number().int().min(1).max(1_000_000).default(1024),
  })
  .strict();

/** One CRM connector of one tenant (App Connect logging, docs/app-connect.md). */
const crmConnector = z
  .object({
    tenant: z.string(),
    /** The name logCall and the status use; unique per tenant. */
    name: accountKey,
    /** "builtin:sandbox-crm", or the path of an App Connect connector module (CommonJS, exporting findContact, createCallLog, updateCallLog, getCallLog). */
    module: z.string().min(1),
    /** The CRM's Authorization header, e.g. "Bearer ${CRM_TOKEN}" (give it from the environment; it is never logged). */
    authHeader: z.string().min(1),
    /** The note's format: the CRM's own (App Connect's logFormat). */
    logFormat: z.enum(['text/plain', 'text/html', 'text/markdown']).default('text/plain'),
    /** App Connect's `user`: the CRM user calls are logged as, the time-zone offset and the addCallLog* settings. */
    user: z
      .object({
        id: z.string().min(1),
        hostname: z.string().optional(),
        timezoneOffset: z.union([z.string(), z.number()]).optional(),
        userSettings: z.record(z.string(), z.object({ value: z.unknown() }).strict()).default({}),
        platformAdditionalInfo: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    /** The CRM user of each agent: calls of that extension are logged as that user. */
    userMapping: z.array(z.object({ account: accountKey, extensionNumber: z.string().min(1), crmUserId: z.string().min(1) }).strict()).default([]),
    /** A connector call that takes longer fails (and is retried); a creation's late answer is still recorded. */
    timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
    /** How long a contact found by number is reused. */
    contactCacheSeconds: z.number().int().min(0).max(86_400).default(300),
    /** Log every call of these accounts as it appears, and update it as it changes (fed by the change feed). */
    serverSideLogging: z
      .object({
        /** The tenant's accounts to log; default: all of them. */
        accounts: z.array(accountKey).min(1).optional(),
        /** Calls that started from then on are logged (ISO 8601); default: when logging first ran. */
        since: z.iso.datetime({ offset: true }).optional(),
        /** How often the change feed is asked when it has caught up. */
        pollSeconds: z.number().min(0.1).max(3600).default(10),
        /** Connector calls at once. */
        concurrency: z.number().int().min(1).max(64).default(4),
        /** Calls logged or updated per second at most, so that the CRM's rate limit keeps room for people's logCall. */
        maxLogsPerSecond: z.number().min(0.01).max(1000).default(5),
      })
      .strict()
      .optional(),
  })
  .strict();

/** CRM logging through App Connect connectors (docs/app-connect.md). */
const appConnect = z
  .object({
    /** The ledger of CRM logs (SQLite): one log per call survives retries, concurrent requests and restarts. */
    ledgerPath: z.string().min(1).default('callbridge-ledger.db'),
    /** Failed connector calls are tried again after this, doubled per attempt up to retryMaxSeconds. */
    retryBaseSeconds: z.number().min(0.01).max(3600).default(5),
    retryMaxSeconds: z.number().min(0.01).max(86_400).default(900),
    /** How long a recording link written into a CRM note works. */
    recordingLinkTtlDays: z.number().min(1).max(366).default(90),
    connectors: z.array(crmConnector).default([]),
  })
  .strict();

/** The request limits when the configuration names none. */
export const defaultRequestLimits = (): z.infer<typeof requestLimits> => requestLimits.parse({});

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
        /**
         * A walk without `to` ends at "now" rounded down to this many seconds, so every walk started within
         * the same span reads the same vendor pages (RingCentral shows a call 15-30 s after it ends anyway).
         */
        windowEndSeconds: z.number().int().min(1).max(300).default(5),
      })
      .strict()
      .prefault({}),
    /** The change feed (callSessionChanges; docs/partner-sync.md). */
    changes: z
      .object({
        /**
         * How far behind each account's watermark a window re-read begins: calls that show up late (CallGear lists
         * a call when it ends, with its start in the past; RingCentral 15-30 s after the end) and final figures that
         * arrive later. Three hours covers calls up to about three hours long.
         */
        lookbackMinutes: z.number().int().min(1).max(7 * 24 * 60).default(180),
        /** How far behind now a read ends: RingCentral shows a record 15-30 s after the call ends (vendors.md §1.10). */
        settleSeconds: z.number().int().min(0).max(3600).default(60),
        /**
         * The feed says it is caught up (hasNextPage false) when every account was read within this many seconds;
         * an account read longer ago is read again first.
         */
        freshSeconds: z.number().int().min(1).max(3600).default(10),
        /** Deliveries each account remembers in its lookback window (bounds the checkpoint; past it, re-delivery). */
        maxSeenPerAccount: z.number().int().min(0).max(4000).default(2000),
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
        /** Bytes of upstream answers kept in memory at most (list pages, directories, employees), least recently used out first. */
        cacheMaxBytes: z.number().int().min(1024 * 1024).max(64 * 1024 ** 3).default(256 * 1024 ** 2),
        /** Requests to one vendor account that may run at once, and that may wait behind them. */
        maxConcurrentPerAccount: z.number().int().min(1).max(256).default(8),
        maxQueuedPerAccount: z.number().int().min(0).max(100_000).default(500),
      })
      .strict()
      .prefault({}),
    /** What one GraphQL request may ask for (docs/security.md). */
    limits: requestLimits.prefault({}),
    /** `sandbox` (what `npm start` serves without configuration) opens the playground and introspection; `production` requires publicUrl. */
    mode: z.enum(['production', 'sandbox']).default('production'),
    server: serverSettings.prefault({}),
    recordings: z
      .object({
        linkTtlSeconds: z.number().int().min(60).max(86_400).default(3600),
        /** Recordings kept in memory, in bytes, so that Range requests and HEAD do not each cost a vendor request. */
        cacheMaxBytes: z.number().int().min(1).max(16 * 1024 ** 3).default(128 * 1024 ** 2),
        /** The largest recording kept; larger ones are streamed from the vendor for each request. */
        cacheMaxItemBytes: z.number().int().min(1).max(1024 ** 3).default(32 * 1024 ** 2),
        /** Requests one recording link may make in any minute. */
        requestsPerLinkPerMinute: z.number().int().min(1).max(100_000).default(120),
      })
      .strict()
      .prefault({}),
    accounts: z.array(account).min(1),
    tenants: z.array(tenant).min(1),
    appConnect: appConnect.prefault({}),
    /** Tenant that requests without an API key act as (sandbox only: the demo); absent = a key is required. */
    anonymousTenant: z.string().optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const keys = new Set<string>();
    config.accounts.forEach((a, i) => {
      if (keys.has(a.key)) ctx.addIssue({ code: 'custom', path: ['accounts', i, 'key'], message: `duplicate account key "${a.key}"` });
      keys.add(a.key);
    });
    const names = new Set<string>();
    config.tenants.forEach((t, i) => {
      if (names.has(t.name)) ctx.addIssue({ code: 'custom', path: ['tenants', i, 'name'], message: `duplicate tenant "${t.name}"` });
      names.add(t.name);
      t.accounts.forEach((key, j) => {
        if (!keys.has(key)) ctx.addIssue({ code: 'custom', path: ['tenants', i, 'accounts', j], message: `no account has the key "${key}"` });
      });
    });
    const connectors = new Set<string>();
    config.appConnect.connectors.forEach((c, i) => {
      const tenant = config.tenants.find((t) => t.name === c.tenant);
      if (!tenant) ctx.addIssue({ code: 'custom', path: ['appConnect', 'connectors', i, 'tenant'], message: `no tenant is named "${c.tenant}"` });
      if (connectors.has(`${c.tenant}/${c.name}`)) ctx.addIssue({ code: 'custom', path: ['appConnect', 'connectors', i, 'name'], message: `tenant "${c.tenant}" has two connectors named "${c.name}"` });
      connectors.add(`${c.tenant}/${c.name}`);
      const owned = (key: string) => tenant?.accounts.includes(key) ?? true;
      c.serverSideLogging?.accounts?.forEach((key, j) => {
        if (!owned(key)) ctx.addIssue({ code: 'custom', path: ['appConnect', 'connectors', i, 'serverSideLogging', 'accounts', j], message: `tenant "${c.tenant}" has no account "${key}"` });
      });
      c.userMapping.forEach((m, j) => {
        if (!owned(m.account)) ctx.addIssue({ code: 'custom', path: ['appConnect', 'connectors', i, 'userMapping', j, 'account'], message: `tenant "${c.tenant}" has no account "${m.account}"` });
      });
    });
    if (config.mode === 'production' && config.publicUrl === undefined) {
      // Recording links must never be built from a request's Host header, which any client can set.
      ctx.addIssue({ code: 'custom', path: ['publicUrl'], message: 'is required in production (recording links are built from it, never from the Host header)' });
    }
    if (config.anonymousTenant !== undefined && !names.has(config.anonymousTenant)) {
      ctx.addIssue({ code: 'custom', path: ['anonymousTenant'], message: `no tenant is named "${config.anonymousTenant}"` });
    }
  });

export type CallbridgeConfig = z.infer<typeof configSchema>;
export type AccountConfig = CallbridgeConfig['accounts'][number];
export type TenantConfig = CallbridgeConfig['tenants'][number];
