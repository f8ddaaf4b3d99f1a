import { CallLeg, CallSession, Extension, Party, RecordingRef } from '../../domain/call-session';
import { CallDirection, CallResult, EndedBy } from '../../domain/enums';
import { RINGCENTRAL } from './provider-id';
import { normalizePhoneNumber } from '../../domain/phone-number';
import { MappingError } from '../mapping-guard';
import { RcCallLogRecord, RcExtensionRecord, RcLeg, RcParty, RcRecordingInfo, RcRecordingResource } from './types';
import { RecordingFacts } from '../adapter';
import { RC_REVERSED_LEG_TYPES, RC_RESULTS, legRole } from './vocabulary';

export interface RcMappingContext {
  readonly account: string;
  /** Country for numbers RingCentral prints nationally, e.g. "(866)123-4567". */
  readonly defaultCountry?: string;
}

/** A malformed record: a typed upstream problem, never a half-mapped row. */
export class RcMappingError extends MappingError {}

const asDate = (text: unknown, field: string): Date => {
  const date = typeof text === 'string' ? new Date(text) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new RcMappingError(`call-log ${field} is not a date`);
  return date;
};

function party(p: RcParty | undefined, ctx: RcMappingContext): Party {
  const raw = p?.phoneNumber ?? p?.extensionNumber ?? null;
  return {
    rawNumber: raw,
    // An extension number is not a phone number.
    phoneNumber: p?.phoneNumber ? normalizePhoneNumber(p.phoneNumber, ctx.defaultCountry) : null,
    name: p?.name ?? null,
    location: p?.location ?? null,
    extensionId: p?.extensionId ?? null,
  };
}

function result(raw: string | undefined): CallResult {
  return raw === undefined ? CallResult.UNKNOWN : (RC_RESULTS[raw] ?? CallResult.UNKNOWN);
}

function recording(info: RcRecordingInfo | undefined, startTime: Date): RecordingRef | null {
  if (!info || typeof info.id !== 'string' && typeof info.id !== 'number') return null;
  // The call log gives no length or format: the recording resource does, one Heavy request each (describeRecordings).
  return { nativeId: String(info.id), startTime, duration: null, contentType: null };
}

function direction(raw: string | undefined, from: RcParty | undefined, to: RcParty | undefined): CallDirection {
  // RingCentral only says Inbound or Outbound; a call between two extension numbers is internal.
  if (from?.extensionNumber && to?.extensionNumber) return CallDirection.INTERNAL;
  return raw === 'Inbound' ? CallDirection.INBOUND : CallDirection.OUTBOUND;
}

function mapLeg(leg: RcLeg, index: number, ctx: RcMappingContext): CallLeg {
  if (typeof leg.legType !== 'string') throw new RcMappingError('call-log leg has no legType');
  const startTime = asDate(leg.startTime, 'legs[].startTime');
  const reversed = RC_REVERSED_LEG_TYPES.has(leg.legType);
  const from = reversed ? leg.to : leg.from;
  const to = reversed ? leg.from : leg.to;
  const extensionId = leg.extension?.id !== undefined ? String(leg.extension.id) : null;
  return {
    index,
    legType: leg.legType,
    role: legRole(leg.legType, extensionId !== null, leg.direction === 'Inbound'),
    master: leg.master === true,
    startTime,
    answerTime: null,
    duration: typeof leg.duration === 'number' ? leg.duration : null,
    direction: leg.direction === 'Inbound' ? CallDirection.INBOUND : leg.direction === 'Outbound' ? CallDirection.OUTBOUND : null,
    result: result(leg.result),
    vendorResult: leg.result ?? null,
    from: party(from, ctx),
    to: party(to, ctx),
    extensionId,
    recording: recording(leg.recording, startTime),
  };
}

/**
 * A call-log record (Simple or Detailed) as a CallSession; legs only when the record carries them. The
 * session is named by the record's telephonySessionId, which every record of one call shares (one per
 * extension, vendors.md §1.10), so that the records fold into one session (session-fold.ts); a record
 * without one is named by its own id.
 */
export function mapCallLogRecord(record: RcCallLogRecord, ctx: RcMappingContext): CallSession {
  if (!record || typeof record.id !== 'string' || record.id === '') throw new RcMappingError('call-log record has no id');
  const callKey = typeof record.telephonySessionId === 'string' && record.telephonySessionId !== '' ? record.telephonySessionId : record.id;
  const startTime = asDate(record.startTime, 'startTime');
  const duration = typeof record.duration === 'number' ? record.duration : null;
  const durationMs = typeof record.durationMs === 'number' ? record.durationMs : duration !== null ? duration * 1000 : null;
  const legs = Array.isArray(record.legs) ? record.legs.map((leg, i) => mapLeg(leg, i, ctx)) : null;
  const own = recording(record.recording, startTime);
  return {
    provider: RINGCENTRAL,
    account: ctx.account,
    nativeId: callKey,
    recordIds: [record.id],
    startTime,
    // The call log does not say when a call was answered, nor how long the talk was.
    answerTime: null,
    endTime: durationMs !== null ? new Date(startTime.getTime() + durationMs) : null,
    duration,
    talkDuration: null,
    direction: direction(record.direction, record.from, record.to),
    result: result(record.result),
    vendorResult: record.result ?? null,
    from: party(record.from, ctx),
    to: party(record.to, ctx),
    extensionId: record.extension?.id !== undefined ? String(record.extension.id) : null,
    // RingCentral's call log does not say who hung up.
    endedBy: EndedBy.UNKNOWN,
    detail: legs ? { legs, recordings: own ? [own] : [] } : null,
    listedRecordings: [],
    hasRecording: own !== null || (legs?.some((leg) => leg.recording !== null) ?? false),
  };
}

export function mapExtension(record: RcExtensionRecord, account: string): Extension {
  if (!record || (typeof record.id !== 'number' && typeof record.id !== 'string')) throw new RcMappingError('extension record has no id');
  return {
    provider: RINGCENTRAL,
    account,
    nativeId: String(record.id),
    extensionNumber: record.extensionNumber ?? null,
    name: record.name ?? null,
    type: record.type ?? null,
    email: record.contact?.email ?? null,
  };
}

/**
 * The recording resource's length and format (GetCallRecordingResponse: all four fields required;
 * https://developers.ringcentral.com/api-reference/Call-Recordings/readCallRecording).
 */
export function mapRecordingFacts(body: RcRecordingResource): RecordingFacts {
  if (typeof body?.contentType !== 'string' || body.contentType === '') throw new RcMappingError('recording contentType is missing');
  if (typeof body.duration !== 'number' || !Number.isInteger(body.duration) || body.duration < 0) throw new RcMappingError('recording duration is not a whole number of seconds');
  return { duration: body.duration, contentType: body.contentType };
}
