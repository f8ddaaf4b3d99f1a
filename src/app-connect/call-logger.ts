import { createHash } from 'node:crypto';
import { CrmUnavailableError, RateLimitedError } from '../domain/errors';
import { CallLogLedger, LedgerKey, Reservation, Want } from './call-log-ledger';
import { AppConnectConnector, AppConnectUser, CallLogRecord, ConnectorSettings, ContactInfo, ReturnMessage } from './connector';
import { ContactCache } from './contact-matcher';
import { ConnectorTimeout, CrmFailure, crmFailure } from './crm-failure';
import { composeCallLog } from './note-composer';
import { delay } from '../lib/delay';

/** What a call's CRM log should say: the call as a RingCentral record, and what a person added by hand. */
export interface LogPayload {
  readonly record: CallLogRecord;
  /** The Callbridge account the call belongs to (the extension-to-CRM-user mapping is per account). */
  readonly account: string;
  readonly note: string | null;
  /** A contact chosen by hand; else the connector's findContact picks one. */
  readonly contact: ContactInfo | null;
}

export interface RegisteredConnector {
  readonly settings: ConnectorSettings;
  readonly connector: AppConnectConnector;
}

/** Told of every connector call (metrics). */
export interface CrmObserver {
  crmCall(connector: string, operation: string, outcome: string, seconds: number): void;
}

export interface CallLoggerOptions {
  readonly ledger: CallLogLedger;
  readonly connectors: readonly RegisteredConnector[];
  readonly contacts: ContactCache;
  /** Backoff of failed attempts: base, doubled per attempt up to max (ms), with jitter; a longer Retry-After wins. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly observer?: CrmObserver;
  readonly now?: () => number;
  readonly random?: () => number;
}

export type LogOutcome = { readonly kind: 'created' | 'updated' | 'recovered' | 'unchanged'; readonly logId: string; readonly returnMessage: ReturnMessage | null };
export type WorkOutcome = LogOutcome | Extract<Reservation, { kind: 'busy' | 'unknown' }>;

export interface ConnectorStatus {
  readonly tenant: string;
  readonly name: string;
  readonly state: 'OK' | 'FAILING' | 'RATE_LIMITED';
  readonly logged: number;
  readonly pending: number;
  readonly failing: number;
  readonly lastSuccessAt: Date | null;
  readonly lastFailureAt: Date | null;
  readonly lastError: string | null;
}

/** A connector's state from this process's last calls to it, and until when a 429 set it aside. */
interface Health {
  state: ConnectorStatus['state'];
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  lastError: string | null;
  pausedUntil: number;
}

/** Marks a log found again by getCallLog: what it says is not known, so an update follows. */
const RECOVERED = 'recovered';

/**
 * Logs calls into CRMs through App Connect connectors, exactly once per (tenant, session, connector): every
 * attempt starts with a ledger reservation, creates or updates, and records the answer; a failure leaves the
 * call pending with a backoff. A creation whose answer did not come (a timeout, a crash) is never repeated
 * blindly: the next one asks getCallLog by the session first, and a late answer is still recorded.
 */
export class CallLogger {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly byKey = new Map<string, RegisteredConnector>();
  private readonly health = new Map<string, Health>();
  private holders = 0;
  private readonly process = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(private readonly options: CallLoggerOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    for (const c of options.connectors) this.byKey.set(connectorKey(c.settings.tenant, c.settings.name), c);
  }

  get ledger(): CallLogLedger {
    return this.options.ledger;
  }

  connector(tenant: string, name: string): RegisteredConnector | undefined {
    return this.byKey.get(connectorKey(tenant, name));
  }

  connectorsOf(tenant: string): RegisteredConnector[] {
    return this.options.connectors.filter((c) => c.settings.tenant === tenant);
  }

  /** The ledger's want for a payload: a note or contact given before is kept unless this one gives its own. */
  wantOf(payload: LogPayload): Want {
    return (previous) => {
      const before = previous ? (JSON.parse(previous) as LogPayload) : null;
      const merged: LogPayload = { ...payload, note: payload.note ?? before?.note ?? null, contact: payload.contact ?? before?.contact ?? null };
      return { payload: JSON.stringify(merged), fingerprint: fingerprintOf(merged) };
    };
  }

  /**
   * Logs a call now (logCall): wants the payload, then creates or updates its CRM log, waiting for another
   * holder (a concurrent logCall, the server-side logger) rather than racing it, and for a CRM's short
   * Retry-After when it fits before the deadline. A failure throws a typed error; the call stays pending in
   * the ledger and is retried.
   */
  async logNow(key: LedgerKey, payload: LogPayload, deadline: number): Promise<LogOutcome> {
    this.ledger.want(key, this.wantOf(payload), this.now());
    let created = false;
    let updated = false;
    let returnMessage: ReturnMessage | null = null;
    let waits = 0;
    for (let round = 0; ; round++) {
      let outcome: WorkOutcome;
      try {
        outcome = await this.work(key, true);
      } catch (error) {
        // The CRM asked for a short wait (its 429) that fits in the request: wait, and ask once more.
        if (!(error instanceof RateLimitedError) || waits >= 2 || this.now() + error.retryAfter * 1000 + 1000 > deadline) throw error;
        waits += 1;
        await delay(error.retryAfter * 1000);
        continue;
      }
      if (outcome.kind === 'unknown') throw new Error('the ledger lost a call it was just given');
      if (outcome.kind === 'busy') {
        if (this.now() + 100 > deadline) throw new RateLimitedError(`The call is being logged by another request; ask again in a moment.`, Math.max(1, Math.ceil((outcome.until - this.now()) / 1000)));
        await delay(Math.min(250, Math.max(20, outcome.until - this.now())));
        continue;
      }
      created ||= outcome.kind === 'created';
      updated ||= outcome.kind === 'updated' || outcome.kind === 'recovered';
      returnMessage = outcome.returnMessage ?? returnMessage;
      // A log found again, or a want that arrived during the write, needs one more round (an update).
      const entry = this.ledger.entry(key)!;
      if (entry.retryAt === null || round >= 5) return { kind: created ? 'created' : updated ? 'updated' : 'unchanged', logId: entry.logId ?? outcome.logId, returnMessage };
    }
  }

  /** Does the work a call's ledger entry needs, if it is due and free (`force`: even while a failed attempt waits). */
  async work(key: LedgerKey, force = false): Promise<WorkOutcome> {
    // A CRM that refused a call for its rate limit is left alone until it said to come back (a person asking aside).
    const pausedUntil = this.pausedUntil(key.tenant, key.connector);
    if (!force && pausedUntil > this.now()) return { kind: 'busy', until: pausedUntil };
    const holder = `${this.process}-${++this.holders}`;
    const reservation = this.ledger.reserve(key, holder, this.now(), this.leaseMs(key), force);
    if (reservation.kind === 'logged') return { kind: 'unchanged', logId: reservation.logId, returnMessage: { message: 'The call is already logged.', messageType: 'warning', ttl: 3000 } };
    if (reservation.kind === 'busy' || reservation.kind === 'unknown') return reservation;
    const registered = this.connector(key.tenant, key.connector);
    if (!registered) throw new Error(`no connector "${key.connector}" for tenant "${key.tenant}"`);
    const payload = JSON.parse(reservation.entry.payload) as LogPayload;
    const attempts = reservation.entry.attempts;
    try {
      if (reservation.kind === 'update') return await this.update(registered, key, holder, reservation.logId, payload, reservation.entry.wanted);
      if (reservation.recovering) {
        const found = await this.findLog(registered, key, payload);
        if (found) {
          this.ledger.complete(key, holder, found, RECOVERED, this.now());
          this.succeeded(key);
          return { kind: 'recovered', logId: found, returnMessage: null };
        }
      }
      return await this.create(registered, key, holder, payload, reservation.entry.wanted, attempts);
    } catch (error) {
      if (error instanceof CrmUnavailableError || error instanceof RateLimitedError) throw error;
      throw this.failed(registered, key, holder, error, attempts);
    }
  }

  /** Until when a connector is left alone after the CRM's 429 (epoch ms; 0: it is not). */
  pausedUntil(tenant: string, connector: string): number {
    return this.health.get(connectorKey(tenant, connector))?.pausedUntil ?? 0;
  }

  /** How each tenant's connectors are doing: from the ledger, and from the last connector calls of this process. */
  status(tenant: string): ConnectorStatus[] {
    return this.connectorsOf(tenant).map(({ settings }) => {
      const h = this.health.get(connectorKey(tenant, settings.name));
      const counts = this.ledger.counts(tenant, settings.name);
      return {
        tenant,
        name: settings.name,
        state: h?.state ?? 'OK',
        ...counts,
        lastSuccessAt: h?.lastSuccessAt ? new Date(h.lastSuccessAt) : null,
        lastFailureAt: h?.lastFailureAt ? new Date(h.lastFailureAt) : null,
        lastError: h?.lastError ?? null,
      };
    });
  }

  private async create(reg: RegisteredConnector, key: LedgerKey, holder: string, payload: LogPayload, wanted: string, attempts: number): Promise<LogOutcome> {
    const { settings, connector } = reg;
    const user = userFor(settings, payload);
    const contactInfo = await this.contactFor(reg, user, payload);
    const composedLogDetails = compose(settings, user, payload, contactInfo, '');
    const creating = connector.createCallLog({
      user,
      contactInfo,
      authHeader: settings.authHeader,
      callLog: payload.record,
      note: payload.note,
      additionalSubmission: null,
      aiNote: null,
      transcript: null,
      composedLogDetails,
      isFromSSCL: fromServerSide(payload),
    });
    try {
      const answer = await this.call(settings, 'createCallLog', () => creating);
      const logId = String(answer.logId);
      this.ledger.complete(key, holder, logId, wanted, this.now());
      this.succeeded(key);
      return { kind: 'created', logId, returnMessage: answer.returnMessage ?? null };
    } catch (error) {
      if (!(error instanceof ConnectorTimeout)) throw error;
      // The CRM may still answer: the lease stays until it does, and its answer is recorded then, so that no
      // second creation starts meanwhile. If it never does, the lease runs out and getCallLog is asked first.
      const retryAt = this.retryAt(attempts + 1, null);
      creating.then(
        (late) => this.ledger.complete(key, holder, String(late.logId), wanted, this.now()),
        (late) => this.ledger.fail(key, holder, crmFailure(late, secretsOf(settings)).reason, retryAt, this.now()),
      );
      const failure = crmFailure(error, []);
      this.noteFailure(key, failure);
      return Promise.reject(new CrmUnavailableError(unavailableMessage(settings.name, failure.reason), settings.name, retryAt));
    }
  }

  private async update(reg: RegisteredConnector, key: LedgerKey, holder: string, logId: string, payload: LogPayload, wanted: string): Promise<LogOutcome> {
    const { settings, connector } = reg;
    const user = userFor(settings, payload);
    // The log's current body, so that sections are rewritten in place and what a person wrote around them stays.
    const existing = await this.call(settings, 'getCallLog', () => connector.getCallLog({ user, authHeader: settings.authHeader, callLogId: logId, sessionId: key.sessionId, contactId: payload.contact?.id ?? undefined }));
    const body = existing.callLogInfo?.fullBody ?? existing.callLogInfo?.note ?? '';
    const record = payload.record;
    const answer = await this.call(settings, 'updateCallLog', () =>
      connector.updateCallLog({
        user,
        existingCallLog: { thirdPartyLogId: logId, sessionId: key.sessionId },
        authHeader: settings.authHeader,
        recordingLink: recordingLinkOf(record),
        recordingDownloadLink: recordingLinkOf(record),
        subject: null,
        note: payload.note,
        startTime: record['startTime'],
        duration: record['duration'],
        result: record['result'],
        legs: record['legs'] ?? [],
        composedLogDetails: compose(settings, user, payload, { id: payload.contact?.id ?? null, phoneNumber: contactNumberOf(record) ?? undefined }, body),
        existingCallLogDetails: existing.callLogInfo?.fullLogResponse ?? null,
        isFromSSCL: fromServerSide(payload),
      }),
    );
    this.ledger.complete(key, holder, logId, wanted, this.now());
    this.succeeded(key);
    return { kind: 'updated', logId, returnMessage: answer.returnMessage ?? null };
  }

  /** The log an earlier creation may have made, asked of the connector by the session (getCallLog without a log id). */
  private async findLog(reg: RegisteredConnector, key: LedgerKey, payload: LogPayload): Promise<string | null> {
    const { settings, connector } = reg;
    const user = userFor(settings, payload);
    const found = await this.call(settings, 'getCallLog', () => connector.getCallLog({ user, authHeader: settings.authHeader, callLogId: null, telephonySessionId: key.sessionId, sessionId: key.sessionId }));
    const logId = found.callLogInfo?.logId;
    return logId === undefined || logId === null ? null : String(logId);
  }

  private async contactFor(reg: RegisteredConnector, user: AppConnectUser, payload: LogPayload): Promise<ContactInfo> {
    const number = contactNumberOf(payload.record);
    if (payload.contact) return { ...payload.contact, phoneNumber: payload.contact.phoneNumber ?? number ?? undefined };
    // findContact takes E.164 numbers (findContact.md); an internal call has no outside number to match.
    if (!number || !/^\+\d{6,15}$/.test(number)) return { id: null, phoneNumber: number ?? undefined };
    const { settings, connector } = reg;
    const match = await this.options.contacts.match(settings.tenant, settings.name, number, settings.contactCacheMs, async () => {
      const answer = await this.call(settings, 'findContact', () => connector.findContact({ user, authHeader: settings.authHeader, phoneNumber: number }));
      return answer.matchedContactInfo ?? [];
    });
    return match ? { id: match.id, type: match.type, name: match.name, phoneNumber: number } : { id: null, phoneNumber: number };
  }

  private async call<T>(settings: ConnectorSettings, operation: string, run: () => Promise<T>): Promise<T> {
    const started = this.now();
    try {
      const value = await withTimeout(run(), settings.timeoutMs, operation);
      this.observe(settings, operation, 'ok', started);
      return value;
    } catch (error) {
      this.observe(settings, operation, outcomeOf(error), started);
      throw error;
    }
  }

  private failed(reg: RegisteredConnector, key: LedgerKey, holder: string, error: unknown, attempts: number): Error {
    const failure = crmFailure(error, secretsOf(reg.settings));
    const retryAt = this.retryAt(attempts + 1, failure.retryAfter);
    this.ledger.fail(key, holder, failure.reason, retryAt, this.now());
    this.noteFailure(key, failure);
    if (failure.rateLimited) this.healthOf(key).pausedUntil = this.now() + Math.max(1000, (failure.retryAfter ?? 1) * 1000);
    const message = unavailableMessage(reg.settings.name, failure.reason);
    // A person may ask again when the CRM said; the ledger's own retry keeps its backoff.
    return failure.rateLimited ? new RateLimitedError(message, Math.max(1, Math.ceil(failure.retryAfter ?? (retryAt - this.now()) / 1000))) : new CrmUnavailableError(message, reg.settings.name, retryAt);
  }

  private retryAt(attempt: number, retryAfterSeconds: number | null): number {
    const backoff = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.min(20, attempt - 1)) * (0.5 + this.random() * 0.5);
    return this.now() + Math.max(backoff, (retryAfterSeconds ?? 0) * 1000);
  }

  /** Long enough for the connector calls of one attempt (a contact, a lookup, the write). */
  private leaseMs(key: LedgerKey): number {
    return (this.connector(key.tenant, key.connector)?.settings.timeoutMs ?? 10_000) * 4;
  }

  private observe(settings: ConnectorSettings, operation: string, outcome: string, started: number): void {
    this.options.observer?.crmCall(settings.name, operation, outcome, (this.now() - started) / 1000);
  }

  private succeeded(key: LedgerKey): void {
    const h = this.healthOf(key);
    Object.assign(h, { lastSuccessAt: this.now(), state: 'OK' });
  }

  private noteFailure(key: LedgerKey, failure: CrmFailure): void {
    Object.assign(this.healthOf(key), { lastFailureAt: this.now(), lastError: failure.reason, state: failure.rateLimited ? 'RATE_LIMITED' : 'FAILING' });
  }

  private healthOf(key: LedgerKey): Health {
    const k = connectorKey(key.tenant, key.connector);
    let h = this.health.get(k);
    if (!h) this.health.set(k, (h = { state: 'OK', lastSuccessAt: null, lastFailureAt: null, lastError: null, pausedUntil: 0 }));
    return h;
  }
}

/** App Connect's isFromSSCL: the log is server-side logging's own, nothing a person gave (a note, a contact). */
const fromServerSide = (payload: LogPayload): boolean => payload.note === null && payload.contact === null;

const connectorKey = (tenant: string, name: string): string => `${tenant}\u001f${name}`;

const unavailableMessage = (connector: string, reason: string): string => `The CRM connector "${connector}" could not log the call: ${reason}. The call stays pending and is retried.`;

const secretsOf = (settings: ConnectorSettings): string[] => [settings.authHeader, settings.authHeader.replace(/^\S+\s+/, '')];

function outcomeOf(error: unknown): string {
  if (error instanceof ConnectorTimeout) return 'timeout';
  const status = (error as { response?: { status?: unknown } })?.response?.status;
  return typeof status === 'number' ? String(status) : 'error';
}

function withTimeout<T>(work: Promise<T>, ms: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ConnectorTimeout(operation, ms)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The outside party's number: the caller of an inbound call, the callee of an outbound one (App Connect's rule, §1.3). */
export function contactNumberOf(record: CallLogRecord): string | null {
  const party = record['direction'] === 'Inbound' ? record['from'] : record['to'];
  return party?.phoneNumber ?? null;
}

function recordingLinkOf(record: CallLogRecord): string | null {
  return record['recording']?.link ?? null;
}

/** The CRM user of the call's agent (the mapping by account and extension number), else the connector's user. */
export function userFor(settings: ConnectorSettings, payload: LogPayload): AppConnectUser {
  const agent = payload.record['direction'] === 'Inbound' ? payload.record['to'] : payload.record['from'];
  const number = agent?.extensionNumber;
  const mapped = number ? settings.userMapping.find((m) => m.account === payload.account && m.extensionNumber === number) : undefined;
  return mapped ? { ...settings.user, id: mapped.crmUserId } : settings.user;
}

function compose(settings: ConnectorSettings, user: AppConnectUser, payload: LogPayload, contact: ContactInfo, existingBody: string): string {
  const record = payload.record;
  return composeCallLog({
    logFormat: settings.logFormat,
    existingBody,
    callLog: record,
    contactInfo: { phoneNumber: contact.phoneNumber ?? null },
    user,
    note: payload.note,
    recordingLink: recordingLinkOf(record),
    startTime: record['startTime'],
    duration: record['duration'],
    result: record['result'],
  });
}

/**
 * What a CRM log shows of a call, hashed: when it changes (a recording arrives, the duration or the result is
 * final, a person adds a note) the log is updated. Recording links are left out: they are signed anew.
 */
export function fingerprintOf(payload: LogPayload): string {
  const record = payload.record;
  const legs = (record['legs'] ?? []) as Array<Record<string, any>>;
  const recordings = [...new Set([record['recording']?.id, ...legs.map((l) => l['recording']?.id)].filter((id) => id !== undefined))].sort();
  const shown = [record['startTime'], record['duration'], record['result'], record['reason'] ?? null, recordings, legs.map((l) => [l['result'], l['duration']]), payload.note, payload.contact?.id ?? null];
  return createHash('sha256').update(JSON.stringify(shown)).digest('base64url').slice(0, 22);
}
