import { CallbridgeConfig } from '../config/config.schema';
import { DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS } from '../domain/window';
import { CallHistoryService } from '../history/call-history.service';
import { CursorCodec } from '../history/cursor-codec';
import { Signer } from '../lib/signer';
import { RecordingLinks } from '../recordings/recording-links';
import { SandboxDataSet } from '../sandbox/dataset/sandbox-dataset';
import { TenantDirectory } from '../server/tenant-directory';
import { VendorAdapter } from '../vendors/adapter';
import { UpstreamSettings } from '../vendors/upstream-settings';
import { createAccountAdapter } from './account-adapters';
import { GuardedAdapter } from '../upstream/guarded-adapter';
import { Metrics } from '../observability/metrics';
import { RequestCounter } from '../upstream/request-counter';
import { MemoryCacheStore } from '../upstream/cache-store';
import { RateBudgets } from '../upstream/rate-budget';

/** Everything the server needs, built once from the configuration. */
export interface Runtime {
  readonly config: CallbridgeConfig;
  readonly adapters: readonly VendorAdapter[];
  readonly tenants: TenantDirectory;
  readonly history: CallHistoryService;
  readonly recordingLinks: RecordingLinks;
  readonly dataSet: SandboxDataSet | null;
  /** Upstream requests made, by vendor, account, operation and outcome. */
  readonly upstreamRequests: RequestCounter;
  readonly metrics: Metrics;
}

export interface RuntimeOptions {
  readonly now?: () => number;
  /** The sandbox data set, when the caller already made it (the simulators serve the same one). */
  readonly dataSet?: SandboxDataSet;
}

export function buildRuntime(config: CallbridgeConfig, options: RuntimeOptions = {}): Runtime {
  const now = options.now ?? Date.now;
  const needsDataSet = config.accounts.some((a) => a.source === 'sandbox');
  const dataSet =
    options.dataSet ??
    (needsDataSet ? new SandboxDataSet({ seed: config.sandbox.seed, callsPerVendor: config.sandbox.callsPerVendor, days: config.sandbox.days, anchor: new Date(now()) }) : null);
  const counter = new RequestCounter();
  const upstream: UpstreamSettings = {
    timeoutMs: config.upstream.timeoutMs,
    retry: { attempts: config.upstream.retryAttempts, baseDelayMs: 200, maxRetryAfterSeconds: config.upstream.maxRetryAfterSeconds },
    directoryTtlMs: config.upstream.directoryTtlSeconds * 1000,
    listPageTtlMs: config.upstream.listPageTtlSeconds * 1000,
    counter,
    cache: new MemoryCacheStore(config.upstream.cacheMaxEntries),
    budgets: new RateBudgets(counter),
    bulkhead: { maxConcurrent: config.upstream.maxConcurrentPerAccount, maxQueued: config.upstream.maxQueuedPerAccount },
  };
  const breaker = { failureThreshold: config.upstream.breakerFailureThreshold, halfOpenAfterMs: config.upstream.breakerHalfOpenSeconds * 1000 };
  const adapters: GuardedAdapter[] = config.accounts.map((account) => new GuardedAdapter(createAccountAdapter(account, upstream, dataSet), breaker));
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
    now,
  });
  const metrics = new Metrics({ states: () => adapters.map((a) => ({ vendor: a.provider, account: a.account, state: a.healthReport().state })) });
  counter.observe(metrics);
  return { config, adapters, tenants, history, recordingLinks: new RecordingLinks(signer, config.recordings.linkTtlSeconds, now), dataSet, upstreamRequests: counter, metrics };
}
