import { CallbridgeConfig } from '../config/config.schema';
import { DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS } from '../domain/window';
import { CallHistoryService } from '../history/call-history.service';
import { CursorCodec } from '../history/cursor-codec';
import { ChangeFeedService } from '../history/change-feed.service';
import { ExtensionDirectoryService } from '../history/extension-directory.service';
import { CheckpointCodec } from '../history/change-checkpoint';
import { PageCache } from '../history/page-cache';
import { Signer } from '../lib/signer';
import { Metrics } from '../observability/metrics';
import { RecordingLinks } from '../recordings/recording-links';
import { AccountStatuses } from '../upstream/account-statuses';
import { MemoryCacheStore } from '../upstream/cache-store';
import { UpstreamSettings } from '../upstream/policy-stack';
import { RateBudgets } from '../upstream/rate-budget';
import { RequestCounter } from '../upstream/request-counter';
import { VendorAdapter } from '../vendors/adapter';
import { vendorModule } from '../vendors/registry';
import { AccountBasics } from '../vendors/vendor-module';
import { TenantDirectory } from './tenant-directory';
import { CrmLogging, buildCrmLogging } from './crm-logging';

/** Everything the server needs, built once from the configuration. */
export interface Runtime {
  readonly config: CallbridgeConfig;
  readonly adapters: readonly VendorAdapter[];
  readonly tenants: TenantDirectory;
  readonly history: CallHistoryService;
  readonly changes: ChangeFeedService;
  readonly extensions: ExtensionDirectoryService;
  readonly recordingLinks: RecordingLinks;
  /** Each account's breaker and live state. */
  readonly statuses: AccountStatuses;
  /** Upstream requests made, by vendor, account, operation and outcome. */
  readonly upstreamRequests: RequestCounter;
  readonly metrics: Metrics;
  /** CRM logging through App Connect connectors; null when none is configured. */
  readonly crm: CrmLogging | null;
}

export interface RuntimeOptions {
  readonly now?: () => number;
}

export function buildRuntime(config: CallbridgeConfig, options: RuntimeOptions = {}): Runtime {
  const now = options.now ?? Date.now;
  const counter = new RequestCounter();
  const cache = new MemoryCacheStore(config.upstream.cacheMaxBytes);
  const statuses = new AccountStatuses({ failureThreshold: config.upstream.breakerFailureThreshold, halfOpenAfterMs: config.upstream.breakerHalfOpenSeconds * 1000 }, now);
  const upstream: UpstreamSettings = {
    timeoutMs: config.upstream.timeoutMs,
    retry: { attempts: config.upstream.retryAttempts, baseDelayMs: 200, maxRetryAfterSeconds: config.upstream.maxRetryAfterSeconds },
    directoryTtlMs: config.upstream.directoryTtlSeconds * 1000,
    listPageTtlMs: config.upstream.listPageTtlSeconds * 1000,
    counter,
    cache,
    budgets: new RateBudgets(counter),
    bulkhead: { maxConcurrent: config.upstream.maxConcurrentPerAccount, maxQueued: config.upstream.maxQueuedPerAccount },
    statuses,
  };
  // The configuration parsed each account with its vendor module's own schema (config/config.schema.ts).
  const adapters = config.accounts.map((account) => vendorModule(account.provider).createAdapter(account as AccountBasics as never, upstream));
  const signer = new Signer(config.signingSecret);
  const tenants = new TenantDirectory(
    config.tenants.map((t) => ({ name: t.name, accountKeys: t.accounts, apiKeyHashes: t.apiKeys })),
    adapters,
    config.anonymousTenant,
  );
  const history = new CallHistoryService({
    codec: new CursorCodec(signer, config.paging.cursorMaxAgeHours * 3600 * 1000),
    window: { defaultDays: DEFAULT_WINDOW_DAYS, maxDays: MAX_WINDOW_DAYS },
    maxVendorPagesPerPage: config.paging.maxVendorPagesPerPage,
    pages: new PageCache(cache, upstream.listPageTtlMs, counter),
    windowEndMs: config.paging.windowEndSeconds * 1000,
    now,
  });
  const changes = new ChangeFeedService(history, {
    codec: new CheckpointCodec(signer),
    lookbackMs: config.changes.lookbackMinutes * 60_000,
    settleMs: config.changes.settleSeconds * 1000,
    defaultDays: DEFAULT_WINDOW_DAYS,
    maxDays: MAX_WINDOW_DAYS,
    maxSeenPerAccount: config.changes.maxSeenPerAccount,
    freshMs: config.changes.freshSeconds * 1000,
    now,
  });
  const metrics = new Metrics({ states: () => statuses.all().map((a) => ({ vendor: a.provider, account: a.account, state: a.report.state })), cacheBytes: () => cache.bytes });
  counter.observe(metrics);
  const recordingLinks = new RecordingLinks(signer, config.recordings.linkTtlSeconds, now);
  const crm = buildCrmLogging(config, { changes, tenants, recordingLinks, observer: metrics, now });
  if (crm) metrics.observeCrm((tenant) => crm.logger.status(tenant), config.tenants.map((t) => t.name));
  return { config, adapters, tenants, history, changes, extensions: new ExtensionDirectoryService(signer), recordingLinks, statuses, upstreamRequests: counter, metrics, crm };
}
