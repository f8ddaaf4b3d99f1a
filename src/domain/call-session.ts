import { CallDirection, CallResult, EndedBy, LegRole } from './enums';
import { Provider } from './provider';

/** The vendor account a record belongs to. */
export interface AccountRef {
  readonly provider: Provider;
  /** The account key from configuration. */
  readonly account: string;
}

/** One side of a call. */
export interface Party {
  /** Exactly as the vendor sent it (null when the vendor sent nothing). */
  readonly rawNumber: string | null;
  /** E.164 when rawNumber could be normalized, else null. */
  readonly phoneNumber: string | null;
  readonly name: string | null;
  readonly location: string | null;
  /** Native id of the extension on this side, when the vendor names one. */
  readonly extensionId: string | null;
}

/** A recording as the vendor describes it; the bytes stay at the vendor. */
export interface RecordingRef {
  readonly nativeId: string;
  readonly startTime: Date | null;
  /** Seconds, when known. */
  readonly duration: number | null;
  readonly contentType: string | null;
}

export interface CallLeg {
  readonly index: number;
  /** The vendor's own leg type, unchanged. */
  readonly legType: string;
  readonly role: LegRole;
  readonly master: boolean | null;
  readonly startTime: Date;
  readonly answerTime: Date | null;
  readonly duration: number | null;
  readonly direction: CallDirection | null;
  readonly result: CallResult;
  readonly vendorResult: string | null;
  readonly from: Party;
  readonly to: Party;
  readonly extensionId: string | null;
  readonly recording: RecordingRef | null;
}

/** Legs and recordings of a session: some vendors only give them on request (a detailed view, a second report). */
export interface SessionDetail {
  readonly legs: readonly CallLeg[];
  readonly recordings: readonly RecordingRef[];
}

export interface CallSession extends AccountRef {
  readonly nativeId: string;
  readonly startTime: Date;
  readonly answerTime: Date | null;
  readonly endTime: Date | null;
  /** Seconds from start to end. */
  readonly duration: number | null;
  /** Seconds of conversation. */
  readonly talkDuration: number | null;
  readonly direction: CallDirection;
  readonly result: CallResult;
  readonly vendorResult: string | null;
  readonly from: Party;
  readonly to: Party;
  /** Native id of the owning extension. */
  readonly extensionId: string | null;
  readonly endedBy: EndedBy;
  /** Null when the adapter was not asked for legs: load them through the detail loader. */
  readonly detail: SessionDetail | null;
  /**
   * Recordings the listed row names itself (CallGear's session-level records), known without the detail:
   * a detail load that reads only legs keeps them. Empty when the vendor names recordings in the detail.
   */
  readonly listedRecordings: readonly RecordingRef[];
  /** Whether the session has a recording, when known without the detail (null: unknown, see detail). */
  readonly hasRecording: boolean | null;
  /**
   * The vendor records the session was folded from, when the vendor keeps one call in several (RingCentral:
   * one per extension that took part). The detail is read from all of them. Absent: the native id names the one record.
   */
  readonly recordIds?: readonly string[];
}

/** An entry of a vendor's extension directory. */
export interface Extension extends AccountRef {
  readonly nativeId: string;
  readonly extensionNumber: string | null;
  readonly name: string | null;
  /** The vendor's own type (User, queue, ivr, ...). */
  readonly type: string | null;
  readonly email: string | null;
}

/** The result of the leg that reached each party (see docs: callerStatus/calleeStatus). */
export function partyStatuses(legs: readonly CallLeg[]): { callerStatus: CallResult | null; calleeStatus: CallResult | null } {
  const caller = legs.find((leg) => leg.role === LegRole.CALLER);
  const callee = legs.find((leg) => leg.role === LegRole.CALLEE);
  return { callerStatus: caller?.result ?? null, calleeStatus: callee?.result ?? null };
}

/** Every distinct recording of a session: its own and its legs', in start order. */
export function collectRecordings(own: readonly RecordingRef[], legs: readonly CallLeg[]): RecordingRef[] {
  const byId = new Map<string, RecordingRef>();
  for (const rec of own) byId.set(rec.nativeId, rec);
  for (const leg of legs) if (leg.recording && !byId.has(leg.recording.nativeId)) byId.set(leg.recording.nativeId, leg.recording);
  return [...byId.values()].sort((a, b) => (a.startTime?.getTime() ?? 0) - (b.startTime?.getTime() ?? 0));
}
