import { Request, Response } from 'express';
import { SandboxCall } from '../dataset/types';
import { invalidParameter, sendRcError } from './rc-errors';
import { RcCallRecord, recordsOfCall } from './rc-call-records';

/**
 * RingCentral's Call Log Sync (GET …/call-log-sync; RCD voice/call-log/sync.md, spec syncAccountCallLog,
 * vendors.md §1.6), written from the documentation:
 * - FSync returns the newest `recordCount` records (mandatory, here at most 250) of the sync frame, which starts
 *   at `dateFrom` (no older than 30 days), newest first, and a syncToken.
 * - ISync (syncToken mandatory) returns the records added or changed since the token was issued, deleted ones
 *   too when `showDeleted=true` (marked `deleted: true`), and a new token. More than 250 changes is a 400
 *   "Parameter [syncToken] is invalid [max sync record number limit is exceeded]": the client must FSync again.
 * - Tokens are refused from time to time (the sync frame was reset): every `resetEvery`-th ISync, and every
 *   token issued before POST /__sandbox/sync-reset. Not documented in detail, so both answer the documented
 *   invalid-syncToken 400.
 * Not simulated: ISync's recordCount (extending the frame into the past) and statusGroup=Missed are refused.
 */
export interface CallLogSyncSource {
  /** The calls the call log lists now (their records have appeared). */
  listed(): readonly SandboxCall[];
  /** When a listed call's records last changed (appeared or changed), epoch ms. */
  changedAt(call: SandboxCall): number;
  /** Calls deleted, with when. */
  deleted(): ReadonlyArray<{ call: SandboxCall; at: number }>;
  /** Renders one record; `deleted` marks it as deleted. */
  render(record: RcCallRecord, detailed: boolean, changedAt: number, deleted: boolean): Record<string, unknown>;
  /** Whether a record belongs in the log asked for (company or one extension's). */
  inLog(record: RcCallRecord): boolean;
  now(): number;
}

/** The documented cap of one ISync answer (spec CallLogSyncResponse.records). */
const ISYNC_MAX_RECORDS = 250;
const MAX_RECORD_COUNT = 250;
const FRAME_DAYS = 30;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

interface SyncToken {
  /** syncTime: changes after it are the next ISync's. */
  readonly t: number;
  /** The frame's start (epoch ms). */
  readonly f: number;
  /** The reset generation the token was issued in. */
  readonly g: number;
}

export class CallLogSync {
  private generation = 0;
  private incrementalAnswers = 0;

  constructor(private readonly resetEvery: number) {}

  /** Refuses every token issued so far (POST /__sandbox/sync-reset): the next ISync must be an FSync. */
  reset(): void {
    this.generation += 1;
  }

  handle(req: Request, res: Response, source: CallLogSyncSource, uri: string): void {
    const q = req.query as Record<string, unknown>;
    const text = (name: string): string | undefined => (typeof q[name] === 'string' ? (q[name] as string) : undefined);
    for (const [name, value] of Object.entries(q)) if (typeof value !== 'string') return invalidParameter(res, name, String(value));
    const syncType = text('syncType') ?? 'FSync';
    if (syncType !== 'FSync' && syncType !== 'ISync') return invalidParameter(res, 'syncType', syncType);
    const view = text('view') ?? 'Simple';
    if (view !== 'Simple' && view !== 'Detailed') return invalidParameter(res, 'view', view);
    const statusGroup = text('statusGroup') ?? 'All';
    if (statusGroup !== 'All') return invalidParameter(res, 'statusGroup', statusGroup);
    const showDeleted = text('showDeleted');
    if (showDeleted !== undefined && showDeleted !== 'true' && showDeleted !== 'false') return invalidParameter(res, 'showDeleted', showDeleted);
    const now = source.now();
    const detailed = view === 'Detailed';
    const recordCount = text('recordCount');
    const answer = (records: Array<Record<string, unknown>>, token: SyncToken) =>
      void res.json({ uri, records, syncInfo: { syncType, syncToken: Buffer.from(JSON.stringify(token)).toString('base64url'), syncTime: new Date(token.t).toISOString() } });

    if (syncType === 'FSync') {
      const count = recordCount === undefined ? NaN : Number(recordCount);
      // recordCount is mandatory for FSync (spec syncAccountCallLog).
      if (!Number.isInteger(count) || count < 1 || count > MAX_RECORD_COUNT) return invalidParameter(res, 'recordCount', recordCount ?? '');
      const dateFrom = text('dateFrom');
      let from = 0;
      if (dateFrom !== undefined) {
        // "The range is limited to the last 30 days from the current moment" (spec syncAccountCallLog).
        if (!ISO.test(dateFrom) || Date.parse(dateFrom) < now - FRAME_DAYS * 86_400_000) return invalidParameter(res, 'dateFrom', dateFrom);
        from = Date.parse(dateFrom);
      }
      const newest = this.records(source, from).slice(0, count);
      return answer(newest.map(({ record, changedAt }) => source.render(record, detailed, changedAt, false)), { t: now, f: from, g: this.generation });
    }

    if (recordCount !== undefined) return invalidParameter(res, 'recordCount', recordCount);
    const token = parseToken(text('syncToken'));
    if (!token) return invalidParameter(res, 'syncToken', text('syncToken') ?? '');
    this.incrementalAnswers += 1;
    if (token.g !== this.generation || (this.resetEvery > 0 && this.incrementalAnswers % this.resetEvery === 0)) {
      return sendRcError(res, 400, 'CMN-101', 'Parameter [syncToken] is invalid', { parameterName: 'syncToken' });
    }
    const changed = this.records(source, token.f).filter((r) => r.changedAt > token.t && r.changedAt <= now);
    const gone =
      showDeleted === 'true'
        ? source
            .deleted()
            .filter((d) => d.at > token.t && d.at <= now && d.call.start.getTime() >= token.f)
            .flatMap((d) => recordsOfCall(d.call).filter((record) => source.inLog(record)).map((record) => ({ record, changedAt: d.at })))
        : [];
    if (changed.length + gone.length > ISYNC_MAX_RECORDS) {
      return sendRcError(res, 400, 'CMN-101', 'Parameter [syncToken] is invalid [max sync record number limit is exceeded]', { parameterName: 'syncToken' });
    }
    answer(
      [...changed.map(({ record, changedAt }) => source.render(record, detailed, changedAt, false)), ...gone.map(({ record, changedAt }) => source.render(record, detailed, changedAt, true))],
      { t: now, f: token.f, g: this.generation },
    );
  }

  /** The frame's records, newest first, with when each changed. */
  private records(source: CallLogSyncSource, from: number): Array<{ record: RcCallRecord; changedAt: number }> {
    return [...source.listed()]
      .filter((call) => call.start.getTime() >= from)
      .sort((a, b) => b.start.getTime() - a.start.getTime())
      .flatMap((call) => recordsOfCall(call).filter((record) => source.inLog(record)).map((record) => ({ record, changedAt: source.changedAt(call) })));
  }
}

function parseToken(text: string | undefined): SyncToken | null {
  if (!text) return null;
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<SyncToken>;
    return Number.isFinite(token.t) && Number.isFinite(token.f) && Number.isInteger(token.g) ? (token as SyncToken) : null;
  } catch {
    return null;
  }
}
