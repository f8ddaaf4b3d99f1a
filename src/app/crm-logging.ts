import { CallLogLedger } from '../app-connect/call-log-ledger';
import { CallLogger, CrmObserver } from '../app-connect/call-logger';
import { ContactCache } from '../app-connect/contact-matcher';
import { CallbridgeConfig } from '../config/config.schema';
import { ChangeFeedService } from '../history/change-feed.service';
import { RecordingLinks } from '../recordings/recording-links';
import { loadConnectors } from './crm-connectors';
import { ServerSideLogger } from './server-side-logger';
import { TenantDirectory } from './tenant-directory';

/** CRM logging (docs/app-connect.md): the call logger for logCall, and the server-side loggers it runs. */
export interface CrmLogging {
  readonly logger: CallLogger;
  /** How long a recording link written into a CRM note works. */
  readonly recordingLinkTtlSeconds: number;
  /** Starts server-side logging; recording links in notes are built on `baseUrl` (publicUrl, else the server's own). */
  start(baseUrl: string): void;
  stop(): Promise<void>;
}

/** Bytes of contacts kept per process at most (about 400 bytes each: some 40,000 numbers). */
const CONTACT_CACHE_BYTES = 16 * 1024 * 1024;

export function buildCrmLogging(
  config: CallbridgeConfig,
  deps: { changes: ChangeFeedService; tenants: TenantDirectory; recordingLinks: RecordingLinks; observer: CrmObserver; now: () => number },
): CrmLogging | null {
  const settings = config.appConnect;
  if (settings.connectors.length === 0) return null;
  const connectors = loadConnectors(config);
  const ledger = new CallLogLedger(settings.ledgerPath);
  const logger = new CallLogger({
    ledger,
    connectors,
    contacts: new ContactCache(CONTACT_CACHE_BYTES, deps.now),
    retryBaseMs: settings.retryBaseSeconds * 1000,
    retryMaxMs: settings.retryMaxSeconds * 1000,
    observer: deps.observer,
    now: deps.now,
  });
  const recordingLinkTtlSeconds = Math.round(settings.recordingLinkTtlDays * 86_400);
  let base = '';
  const loggers = config.appConnect.connectors.flatMap((c, i) => {
    if (!c.serverSideLogging) return [];
    const scope = deps.tenants.tenant(c.tenant)!;
    return [
      new ServerSideLogger(logger, deps.changes, {
        scope,
        registered: connectors[i]!,
        accounts: c.serverSideLogging.accounts ?? null,
        since: c.serverSideLogging.since ? new Date(c.serverSideLogging.since) : null,
        pollMs: c.serverSideLogging.pollSeconds * 1000,
        concurrency: c.serverSideLogging.concurrency,
        maxLogsPerSecond: c.serverSideLogging.maxLogsPerSecond,
        links: { recordingLinks: deps.recordingLinks, baseUrl: () => base, ttlSeconds: recordingLinkTtlSeconds },
        deadlineMs: config.upstream.operationDeadlineSeconds * 1000,
        now: deps.now,
      }),
    ];
  });
  return {
    logger,
    recordingLinkTtlSeconds,
    start: (baseUrl) => {
      base = config.publicUrl?.replace(/\/$/, '') ?? baseUrl;
      for (const l of loggers) l.start();
    },
    stop: async () => {
      await Promise.all(loggers.map((l) => l.stop()));
      ledger.close();
    },
  };
}
