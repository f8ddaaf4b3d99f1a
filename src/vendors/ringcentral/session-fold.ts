import { CallLeg, CallSession, RecordingRef, SessionDetail } from '../../domain/call-session';

/**
 * One CallSession per call. RingCentral records a call once per extension that took part and aggregates the
 * records at account level, so an internal call or a transfer shows up once per extension, the records
 * sharing sessionId and telephonySessionId ("the session_id value should be used if you want to associate
 * multiple Call Logs as part of a given single call", RCD docs/voice/call-log/api.md; vendors.md §1.10).
 *
 * The rule: records that share a telephonySessionId are one session, named by it (mapper.ts), so its global
 * id is the same on every page, in every filter and by id.
 * - Its call-level fields (parties, direction, result, extension) are those of the primary record: the record
 *   of the extension that placed the call, else of the extension dialled, else the one with the smallest id.
 * - It ends when its last record ends, and has a recording when any record has.
 * - Its legs are every record's legs, each once (records may repeat a leg), in start order, the primary's
 *   first on ties; only the primary's legs are master.
 *
 * The fold is the same whichever record comes first, and folding a record in again changes nothing.
 */
export function foldCallRecords(held: CallSession, met: CallSession): CallSession {
  const heldIds = recordIdsOf(held);
  const metIds = recordIdsOf(met);
  if (metIds.every((id) => heldIds.includes(id))) return held;
  if (heldIds.every((id) => metIds.includes(id))) return met;
  const [primary, other] = isPrimary(held, met) ? [held, met] : [met, held];
  const [primaryIds, otherIds] = primary === held ? [heldIds, metIds] : [metIds, heldIds];
  const rest = [...new Set([...primaryIds.slice(1), ...otherIds])].filter((id) => id !== primaryIds[0]).sort();
  return {
    ...primary,
    recordIds: [primaryIds[0]!, ...rest],
    endTime: later(primary.endTime, other.endTime),
    duration: primary.duration !== null && other.duration !== null ? Math.max(primary.duration, other.duration) : (primary.duration ?? other.duration),
    hasRecording: primary.hasRecording === true || other.hasRecording === true ? true : primary.hasRecording === false && other.hasRecording === false ? false : null,
    detail: primary.detail && other.detail ? foldDetail(primary.detail, other.detail) : null,
    listedRecordings: unionRecordings(primary.listedRecordings, other.listedRecordings),
  };
}

/** The record ids a session holds, its primary record's first. */
function recordIdsOf(session: CallSession): readonly string[] {
  return session.recordIds ?? [session.nativeId];
}

/** 0: the caller's own record; 1: the record of the extension dialled; 2: another extension's. */
function primaryRank(session: CallSession): number {
  if (session.extensionId === null) return 2;
  if (session.extensionId === session.from.extensionId) return 0;
  return session.extensionId === session.to.extensionId ? 1 : 2;
}

function isPrimary(x: CallSession, y: CallSession): boolean {
  const rank = primaryRank(x) - primaryRank(y);
  return rank !== 0 ? rank < 0 : recordIdsOf(x)[0]! < recordIdsOf(y)[0]!;
}

function later(x: Date | null, y: Date | null): Date | null {
  if (x === null || y === null) return x ?? y;
  return x.getTime() >= y.getTime() ? x : y;
}

/** What makes two legs the same leg, whichever record printed it (master and position aside). */
function legIdentity(leg: CallLeg): string {
  return JSON.stringify([leg.legType, leg.startTime.getTime(), leg.duration, leg.direction, leg.vendorResult, leg.from.rawNumber, leg.to.rawNumber, leg.extensionId, leg.recording?.nativeId ?? null]);
}

function foldDetail(primary: SessionDetail, other: SessionDetail): SessionDetail {
  const seen = new Set(primary.legs.map(legIdentity));
  const added = other.legs.filter((leg) => !seen.has(legIdentity(leg))).map((leg) => ({ ...leg, master: false }));
  // A stable sort: on ties the primary's legs, which come first, stay first.
  const legs = [...primary.legs, ...added].sort((x, y) => x.startTime.getTime() - y.startTime.getTime()).map((leg, index) => ({ ...leg, index }));
  return { legs, recordings: unionRecordings(primary.recordings, other.recordings) };
}

function unionRecordings(x: readonly RecordingRef[], y: readonly RecordingRef[]): RecordingRef[] {
  const byId = new Map<string, RecordingRef>();
  for (const rec of [...x, ...y]) if (!byId.has(rec.nativeId)) byId.set(rec.nativeId, rec);
  return [...byId.values()].sort((a, b) => (a.startTime?.getTime() ?? 0) - (b.startTime?.getTime() ?? 0));
}
