import { UpstreamUnavailableError } from '../../domain/errors';
import { Caller } from '../../upstream/caller';
import { AccountStack } from '../../upstream/policy-stack';
import { TouchedSession, VendorChangeFeed, VendorChanges, VendorFeedStart } from '../adapter';
import { RcCallLogRecord, RcErrorBody } from './types';

/** How an ISync answer is read: the session each record belongs to, and when it started. */
export type TouchedOf = (record: RcCallLogRecord) => TouchedSession;

interface RcSyncResponse {
  readonly records?: RcCallLogRecord[];
  readonly syncInfo?: { readonly syncToken?: string; readonly syncTime?: string };
}

/** The earliest a sync frame may start: "limited to the last 30 days from the current moment" (spec syncAccountCallLog). */
const FRAME_MS = 30 * 86_400_000;
/** A minute short of the limit, so that the request is not refused for the time it took to arrive. */
const FRAME_MARGIN_MS = 60_000;

/**
 * RingCentral's Call Log Sync (vendors.md §1.6; RCD voice/call-log/sync.md; spec syncAccountCallLog):
 * an FSync of one record sets up the sync frame and gives a syncToken; each ISync with `showDeleted=true`
 * answers the records added, changed or deleted since, and the next token. More than 250 changes, or a
 * frame RingCentral reset, is a 400 on the syncToken parameter: the caller starts over (null).
 */
export class RcCallLogSync implements VendorChangeFeed {
  constructor(
    private readonly stack: AccountStack,
    private readonly syncUrl: string,
    private readonly touchedOf: TouchedOf,
    private readonly account: { provider: string; account: string },
    private readonly now: () => number = Date.now,
  ) {}

  async start(since: Date, caller: Caller): Promise<VendorFeedStart> {
    const from = Math.max(since.getTime(), this.now() - FRAME_MS + FRAME_MARGIN_MS);
    const params = new URLSearchParams({ syncType: 'FSync', recordCount: '1', dateFrom: new Date(from).toISOString() });
    const answer = await this.send(params, caller);
    if (answer === null) throw UpstreamUnavailableError.forAccount(this.account, 'call-log sync refused a full sync');
    return { token: answer.token, at: answer.at };
  }

  async changesSince(token: string, caller: Caller): Promise<VendorChanges | null> {
    return this.send(new URLSearchParams({ syncType: 'ISync', syncToken: token, showDeleted: 'true', view: 'Simple' }), caller);
  }

  private async send(params: URLSearchParams, caller: Caller): Promise<(VendorChanges & { at: number }) | null> {
    const response = await this.stack.send<RcSyncResponse | RcErrorBody>({ operation: 'call-log.sync', url: `${this.syncUrl}?${params}`, headers: { accept: 'application/json' }, answerStatuses: [400] }, caller);
    if (response.status === 400) {
      const body = response.data as RcErrorBody;
      // A refused token (over 250 changes, or a reset frame) names the syncToken parameter; any other 400 is a fault of ours.
      if (body?.errors?.some((e) => e.parameterName === 'syncToken')) return null;
      throw UpstreamUnavailableError.forAccount(this.account, `call-log sync refused the request (${body?.errorCode ?? 'unknown'})`);
    }
    const data = response.data as RcSyncResponse;
    const at = Date.parse(data?.syncInfo?.syncTime ?? '');
    if (!Array.isArray(data?.records) || typeof data.syncInfo?.syncToken !== 'string' || !Number.isFinite(at)) {
      throw UpstreamUnavailableError.forAccount(this.account, 'call-log sync answered without records, a syncToken or a syncTime');
    }
    // One entry per session, however many of its records changed.
    const touched = new Map<string, TouchedSession>();
    for (const record of data.records) {
      const session = this.touchedOf(record);
      if (!touched.has(session.nativeId) || touched.get(session.nativeId)!.startTime > session.startTime) touched.set(session.nativeId, session);
    }
    return { touched: [...touched.values()], token: data.syncInfo.syncToken, at };
  }
}
