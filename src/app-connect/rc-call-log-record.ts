import { CallLeg, CallSession, Party, RecordingRef, SessionDetail, collectRecordings } from '../domain/call-session';
import { RC_DIRECTION, RC_LEG_TYPES, RC_RESULT, RC_RESULT_WORDS, rcLegKind } from './rc-vocabulary';

/** What rendering a session as a RingCentral record needs from outside: its ids and Callbridge's own links. */
export interface RecordContext {
  /** The session's global id: `id`, `sessionId` and `telephonySessionId` of the record (stable, never colliding across vendors and accounts). */
  readonly sessionId: string;
  /** Callbridge's signed link for a recording (never a vendor URL or token). */
  readonly recordingLink: (recording: RecordingRef) => string;
  /** A URI that names the record (`uri` is required and a URI; connectors do not read it): a URN, not a link that would not resolve. */
  readonly uri: string;
}

type Json = Record<string, unknown>;

/** The record's context for a session's global id: its URN, and how its recordings are linked. */
export function recordContext(sessionId: string, recordingLink: (recording: RecordingRef) => string): RecordContext {
  return { sessionId, uri: `urn:callbridge:call-session:${sessionId}`, recordingLink };
}

/**
 * A session as a RingCentral Detailed call-log record (spec CallLogRecord; the shape App Connect connectors
 * read, ../shared/partner-integrations.md §1.3), for every vendor alike. A RingCentral session keeps its own
 * result and leg types; the others are said in RingCentral's words (rc-vocabulary.ts). Pure: no I/O.
 */
export function toRcCallLogRecord(session: CallSession, detail: SessionDetail, ctx: RecordContext): Json {
  const direction = RC_DIRECTION[session.direction];
  const own = RC_RESULT[session.result];
  const keepsOwn = session.provider === 'RINGCENTRAL' && session.vendorResult !== null && RC_RESULT_WORDS.has(session.vendorResult);
  const recordings = collectRecordings(detail.recordings, detail.legs);
  return dropUndefined({
    uri: ctx.uri,
    id: ctx.sessionId,
    sessionId: ctx.sessionId,
    telephonySessionId: ctx.sessionId,
    startTime: session.startTime.toISOString(),
    duration: session.duration ?? 0,
    durationMs: (session.duration ?? 0) * 1000,
    type: 'Voice',
    direction,
    action: 'Phone Call',
    result: keepsOwn ? session.vendorResult! : own.result,
    reason: keepsOwn ? undefined : own.reason,
    from: party(session.from),
    to: party(session.to),
    ...extensionRef(session.extensionId, ctx),
    ...(recordings[0] ? { recording: recording(recordings[0], ctx) } : {}),
    legs: detail.legs.map((leg) => legRecord(leg, session, ctx)),
  });
}

function legRecord(leg: CallLeg, session: CallSession, ctx: RecordContext): Json {
  const kind = rcLegKind(leg.role, leg.direction ?? session.direction);
  const keepsType = session.provider === 'RINGCENTRAL' && RC_LEG_TYPES.has(leg.legType);
  const keepsResult = session.provider === 'RINGCENTRAL' && leg.vendorResult !== null && RC_RESULT_WORDS.has(leg.vendorResult);
  const result = RC_RESULT[leg.result];
  return dropUndefined({
    legType: keepsType ? leg.legType : kind.legType,
    master: leg.master ?? leg.index === 0,
    type: 'Voice',
    direction: RC_DIRECTION[leg.direction ?? session.direction],
    action: kind.action,
    result: keepsResult ? leg.vendorResult! : result.result,
    reason: keepsResult ? undefined : result.reason,
    startTime: leg.startTime.toISOString(),
    duration: leg.duration ?? 0,
    durationMs: (leg.duration ?? 0) * 1000,
    from: party(leg.from),
    to: party(leg.to),
    ...extensionRef(leg.extensionId, ctx),
    ...(leg.recording ? { recording: recording(leg.recording, ctx) } : {}),
  });
}

/**
 * `extension` {id, uri}: RingCentral's id there is an integer (spec ExtensionInfoCallLog), so only a numeric
 * native id fills it; the parties' `extensionId` (a string) names every vendor's extension.
 */
function extensionRef(nativeId: string | null, ctx: RecordContext): Json {
  if (!nativeId || !/^\d{1,15}$/.test(nativeId)) return {};
  return { extension: { id: Number(nativeId), uri: `${ctx.uri}:extension:${nativeId}` } };
}

/** A party as RingCentral names one: the E.164 number (or what the vendor sent), name, location, extension. */
function party(p: Party): Json {
  return dropUndefined({
    phoneNumber: p.phoneNumber ?? (p.rawNumber && !p.extensionId ? p.rawNumber : undefined),
    extensionNumber: p.extensionId && p.phoneNumber === null && p.rawNumber ? p.rawNumber : undefined,
    extensionId: p.extensionId ?? undefined,
    name: p.name ?? undefined,
    location: p.location ?? undefined,
  });
}

/** `link` is what App Connect puts in the note (vendors.md §4: it reads recording.link); `contentUri` the same signed link. */
function recording(rec: RecordingRef, ctx: RecordContext): Json {
  const link = ctx.recordingLink(rec);
  return { id: rec.nativeId, uri: link, type: 'Automatic', contentUri: link, link };
}

function dropUndefined(record: Json): Json {
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return record;
}
