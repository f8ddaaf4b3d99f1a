import { LogPayload, CallLogger, RegisteredConnector } from '../app-connect/call-logger';
import { recordContext, toRcCallLogRecord } from '../app-connect/rc-call-log-record';
import { CallSession } from '../domain/call-session';
import { TenantScope } from '../history/call-history.service';
import { ChangeFeedService } from '../history/change-feed.service';
import { delay } from '../lib/delay';
import { logEvent } from '../lib/logger';
import { RecordingLinks } from '../recordings/recording-links';

export interface ServerSideLoggingOptions {
  readonly scope: TenantScope;
  readonly registered: RegisteredConnector;
  readonly accounts: readonly string[] | null;
  readonly since: Date | null;
  readonly pollMs: number;
  readonly concurrency: number;
  /** Calls logged or updated per second at most: the CRM's rate limit keeps room for people's logCall. */
  readonly maxLogsPerSecond: number;
  /** Recording links in CRM notes: the base URL and how long they work. */
  readonly links: { readonly recordingLinks: RecordingLinks; readonly baseUrl: () => string; readonly ttlSeconds: number };
  readonly deadlineMs: number;
  readonly now?: () => number;
}

/** Change-feed pages read per round before the due work is done (the rest follows next round). */
const PAGES_PER_ROUND = 20;
const PAGE_SIZE = 100;

/**
 * Server-side logging for one tenant's connector (App Connect's server-side call logging, done from the change
 * feed): each round reads the feed from the checkpoint kept in the ledger, wants every new or changed session
 * of the configured accounts in the ledger (the checkpoint commits with them), then does the due work: creates
 * the new logs and updates the changed ones, retries what failed. A crash at any point loses nothing: the
 * feed's pages are read again from the last committed checkpoint, and the ledger keeps one log per call.
 */
export class ServerSideLogger {
  private readonly now: () => number;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly position: string;
  /** When the next call may be logged (epoch ms), for the pace. */
  private nextSlot = 0;

  constructor(
    private readonly logger: CallLogger,
    private readonly changes: ChangeFeedService,
    private readonly options: ServerSideLoggingOptions,
  ) {
    this.now = options.now ?? Date.now;
    const { tenant, name } = options.registered.settings;
    this.position = `server-side-logging\u001f${tenant}\u001f${name}`;
  }

  start(): void {
    const loop = async (): Promise<void> => {
      if (this.stopped) return;
      this.running = this.round().catch((error) => logEvent('warn', 'crm.server_side_logging.round_failed', { connector: this.options.registered.settings.name, tenant: this.options.scope.tenant, reason: safeReason(error) }));
      await this.running;
      // Back when the CRM said to come back (a 429), or at the next poll.
      const { tenant, name } = this.options.registered.settings;
      const resume = Math.max(0, this.logger.pausedUntil(tenant, name) - this.now());
      if (!this.stopped) this.timer = setTimeout(() => void loop(), resume > 0 ? Math.min(resume, this.options.pollMs) : this.options.pollMs);
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One round: the feed until it has caught up (or PAGES_PER_ROUND pages), then the due work. */
  async round(): Promise<void> {
    const { scope, registered } = this.options;
    const { tenant, name } = registered.settings;
    for (let page = 0; page < PAGES_PER_ROUND && !this.stopped; page++) {
      const after = this.logger.ledger.position(this.position);
      // A background page has the deadline of an operation, like any request's.
      const result = await this.changes.changes(
        scope,
        { first: PAGE_SIZE, after, since: after ? null : this.options.since ?? new Date(this.now() - 60_000), providers: null, accounts: this.options.accounts, withDetail: true, needsDetail: true },
        { signal: AbortSignal.timeout(this.options.deadlineMs), deadline: this.now() + this.options.deadlineMs, tenant },
      );
      const wants = result.changes.flatMap((change) => (change.session ? [{ key: { tenant, sessionId: change.id, connector: name }, make: this.logger.wantOf(this.payloadOf(change.session, change.id)) }] : []));
      // App Connect has no deletion: a call the vendor deleted keeps its CRM log.
      this.logger.ledger.wantAll(wants, { name: this.position, value: result.checkpoint }, this.now());
      if (!result.hasNextPage) break;
    }
    await this.drain();
  }

  /** The due work of this connector, `concurrency` calls at a time, until none is due. */
  private async drain(): Promise<void> {
    const { tenant, name } = this.options.registered.settings;
    const busy = new Set<string>();
    const interval = 1000 / this.options.maxLogsPerSecond;
    const worker = async (): Promise<void> => {
      while (!this.stopped && this.logger.pausedUntil(tenant, name) <= this.now()) {
        const next = this.logger.ledger.due(this.now(), this.options.concurrency * 2, { tenant, connector: name }).find((e) => !busy.has(e.sessionId));
        if (!next) return;
        busy.add(next.sessionId);
        // Paced: each worker takes the next free slot of the connector's rate.
        const wait = this.nextSlot - this.now();
        this.nextSlot = Math.max(this.now(), this.nextSlot) + interval;
        if (wait > 0) await delay(wait);
        try {
          await this.logger.work({ tenant, sessionId: next.sessionId, connector: name });
        } catch {
          // Recorded in the ledger (retried after its backoff) and in the connector's status.
        } finally {
          busy.delete(next.sessionId);
        }
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, worker));
  }

  private payloadOf(session: CallSession, id: string): LogPayload {
    const { recordingLinks, baseUrl, ttlSeconds } = this.options.links;
    const record = toRcCallLogRecord(
      session,
      session.detail ?? { legs: [], recordings: session.listedRecordings },
      recordContext(id, (rec) => recordingLinks.link(baseUrl(), { tenant: this.options.scope.tenant, provider: session.provider, account: session.account, nativeId: rec.nativeId }, ttlSeconds).url),
    );
    return { record, account: session.account, note: null, contact: null };
  }
}

function safeReason(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  return typeof e?.code === 'string' ? e.code : 'error';
}
