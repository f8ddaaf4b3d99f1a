import { CallbridgeConfig } from '../config/config.schema';
import { Provider } from '../domain/enums';
import { DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS } from '../domain/window';
import { CallHistoryService } from '../history/call-history.service';
import { CursorCodec } from '../history/cursor-codec';
import { Signer } from '../lib/signer';
import { RecordingLinks } from '../recordings/recording-links';
import { generateWav } from '../sandbox/audio/wav';
import { SandboxDataSet } from '../sandbox/dataset/sandbox-dataset';
import { SandboxVendor } from '../sandbox/dataset/types';
import { WAV_CONTENT_TYPE, extensionFromSandbox, sessionFromSandbox } from '../sandbox/domain-view';
import { TenantDirectory } from '../server/tenant-directory';
import { VendorAdapter } from '../vendors/adapter';
import { MemoryAdapter, MemoryPagingStyle } from '../vendors/memory/memory-adapter';
import { UpstreamSettings, createRingCentralAdapter } from '../vendors/ringcentral/create-ringcentral-adapter';
import { RequestCounter } from '../upstream/request-counter';

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
}

const SANDBOX_VENDOR: Record<Provider, SandboxVendor> = {
  [Provider.RINGCENTRAL]: 'ringcentral',
  [Provider.CALLGEAR]: 'callgear',
  [Provider.TELPHIN]: 'telphin',
};

/** In-memory sandbox accounts page like their vendors do (page numbers or offsets, the vendors' page sizes). */
const SANDBOX_PAGING: Record<Provider, { style: MemoryPagingStyle; size: number }> = {
  [Provider.RINGCENTRAL]: { style: 'page', size: 250 },
  [Provider.CALLGEAR]: { style: 'offset', size: 1000 },
  [Provider.TELPHIN]: { style: 'page', size: 100 },
};

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
    counter,
  };
  const adapters: VendorAdapter[] = config.accounts.map((account) => {
    const provider = account.provider as Provider;
    if (account.source === 'live' && provider === Provider.RINGCENTRAL) {
      const { clientId, clientSecret, jwt } = account.credentials!;
      return createRingCentralAdapter(
        {
          key: account.key,
          ...(account.baseUrl ? { baseUrl: account.baseUrl } : {}),
          ...(account.mediaBaseUrl ? { mediaBaseUrl: account.mediaBaseUrl } : {}),
          credentials: { clientId: clientId!, clientSecret: clientSecret!, jwt: jwt! },
          ...(account.extensionId ? { extensionId: account.extensionId } : {}),
          ...(account.defaultCountry ? { defaultCountry: account.defaultCountry } : {}),
        },
        upstream,
      );
    }
    if (!dataSet || account.source !== 'sandbox') throw new Error(`account ${account.key}: no adapter for ${provider} with source ${account.source}`);
    const vendor = SANDBOX_VENDOR[provider];
    const sessions = dataSet.callsOf(vendor).map((call) => sessionFromSandbox(call, provider, account.key));
    const paging = SANDBOX_PAGING[provider];
    return new MemoryAdapter({
      provider,
      account: account.key,
      sessions: () => sessions,
      extensions: dataSet.extensionsOf(vendor).filter((ext) => ext.active).map((ext) => extensionFromSandbox(ext, provider, account.key)),
      pageSize: paging.size,
      pagingStyle: paging.style,
      recordingAudio: (id) => {
        const rec = dataSet.recording(vendor, id);
        return rec ? { bytes: generateWav(rec.id, rec.duration), contentType: WAV_CONTENT_TYPE } : null;
      },
    });
  });
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
  return { config, adapters, tenants, history, recordingLinks: new RecordingLinks(signer, config.recordings.linkTtlSeconds, now), dataSet, upstreamRequests: counter };
}
