import { CallLeg, CallSession, Extension, Party } from '../../domain/call-session';
import { CallDirection, CallResult, EndedBy, LegRole } from '../../domain/enums';
import { TELPHIN } from './provider-id';
import { normalizePhoneNumber } from '../../domain/phone-number';
import { MappingError } from '../mapping-guard';
import { TpCall, TpCdr, TpExtension } from './types';
import { TP_CDR_RESULTS, TP_DISPOSITIONS, callResult } from './vocabulary';

export interface TpMappingContext {
  readonly account: string;
  /** Country of numbers Telphin prints without "+" (Russian numbers as "7…"). */
  readonly defaultCountry?: string;
}

/** A malformed record: a typed upstream problem, never a half-mapped row. */
export class TpMappingError extends MappingError {}

const GMT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d{1,6})?$/;

/** Telphin's UTC datetimes: "YYYY-MM-DD HH:MM:SS", cdr start times with a fraction ("16:29:38.76"). */
export function parseGmt(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const m = GMT.exec(text);
  if (!m) return null;
  const fraction = m[3] ? m[3].slice(1).padEnd(3, '0').slice(0, 3) : '000';
  const date = new Date(`${m[1]}T${m[2]}.${fraction}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function requiredGmt(text: unknown, field: string): Date {
  const date = parseGmt(text);
  if (!date) throw new TpMappingError(`${field} is not a "YYYY-MM-DD HH:MM:SS" UTC datetime`);
  return date;
}

/** "100*0111" is an extension of the client (prefix*number), as is a short number; neither is a phone number. */
export const isExtensionUsername = (raw: string | null | undefined): boolean => typeof raw === 'string' && (raw.includes('*') || /^\d{1,5}$/.test(raw));

function party(raw: string | null | undefined, name: string | null | undefined, extensionId: string | null, ctx: TpMappingContext): Party {
  const text = typeof raw === 'string' && raw !== '' ? raw : null;
  return {
    rawNumber: text,
    phoneNumber: text === null || isExtensionUsername(text) ? null : normalizePhoneNumber(text, ctx.defaultCountry),
    // Telphin repeats the number as the screen name when it knows no name.
    name: name && name !== text ? name : null,
    location: null,
    extensionId,
  };
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const idOf = (value: unknown): string | null => (typeof value === 'number' || (typeof value === 'string' && value !== '') ? String(value) : null);

function legRole(cdr: TpCdr, inbound: boolean): LegRole {
  if (cdr.flow === 'transfer') return LegRole.TRANSFER;
  if (cdr.result === 'voicemail') return LegRole.VOICEMAIL;
  if (cdr.extension_type === 'queue') return LegRole.QUEUE;
  if (cdr.extension_type === 'ivr') return LegRole.IVR;
  // An inbound call that leaves for an outside number follows the employee elsewhere (forwarding).
  if (inbound && cdr.flow === 'out' && !isExtensionUsername(cdr.to_username)) return LegRole.FORWARD;
  return LegRole.CALLEE;
}

function mapCdr(cdr: TpCdr, index: number, inbound: boolean, ctx: TpMappingContext): CallLeg {
  if (!cdr || typeof cdr !== 'object') throw new TpMappingError('cdr item is not an object');
  const startTime = requiredGmt(cdr.init_time_gmt, 'cdr init_time_gmt');
  const answerTime = parseGmt(cdr.start_time_gmt);
  const extensionId = idOf(cdr.extension_id);
  const toExtension = cdr.flow !== 'out';
  const record = typeof cdr.record_uuid === 'string' && cdr.record_uuid !== '' ? cdr.record_uuid : null;
  return {
    index,
    legType: cdr.flow ?? 'unknown',
    role: legRole(cdr, inbound),
    master: null,
    startTime,
    answerTime,
    duration: num(cdr.duration),
    direction: cdr.flow === 'in' ? CallDirection.INBOUND : cdr.flow === 'out' ? CallDirection.OUTBOUND : cdr.flow === 'transfer' ? CallDirection.INTERNAL : null,
    result: cdr.result ? (TP_CDR_RESULTS[cdr.result] ?? CallResult.UNKNOWN) : CallResult.UNKNOWN,
    vendorResult: cdr.result ?? null,
    from: party(cdr.from_username, cdr.from_screen_name, toExtension ? null : extensionId, ctx),
    to: party(cdr.to_username, null, toExtension ? extensionId : null, ctx),
    extensionId,
    recording: record ? { nativeId: record, startTime: answerTime ?? startTime, duration: num(cdr.duration), contentType: null } : null,
  };
}

/** A `calls` or `call_history` item as a CallSession; legs when the item carries `cdr`. */
export function mapCall(call: TpCall, ctx: TpMappingContext): CallSession {
  if (!call || typeof call !== 'object' || typeof call.call_uuid !== 'string' || call.call_uuid === '') throw new TpMappingError('call has no call_uuid');
  if (call.flow !== 'in' && call.flow !== 'out') throw new TpMappingError(`call ${call.call_uuid} has flow ${JSON.stringify(call.flow)}`);
  const startTime = requiredGmt(call.init_time_gmt, 'init_time_gmt');
  const inbound = call.flow === 'in';
  const extensionId = idOf(call.extension_id);
  if (call.cdr !== undefined && !Array.isArray(call.cdr)) throw new TpMappingError(`call ${call.call_uuid} has a cdr that is not a list`);
  const legs = Array.isArray(call.cdr)
    ? call.cdr
        .map((cdr, i) => ({ leg: mapCdr(cdr, i, inbound, ctx), i }))
        .sort((a, b) => a.leg.startTime.getTime() - b.leg.startTime.getTime() || a.i - b.i)
        .map(({ leg }, index) => ({ ...leg, index }))
    : null;
  return {
    provider: TELPHIN,
    account: ctx.account,
    nativeId: call.call_uuid,
    startTime,
    answerTime: parseGmt(call.start_time_gmt),
    endTime: parseGmt(call.hangup_time_gmt),
    duration: num(call.duration),
    // The operator's talk; null when nobody was bridged.
    talkDuration: num(call.bridged_duration),
    direction: inbound ? CallDirection.INBOUND : isExtensionUsername(call.to_username) ? CallDirection.INTERNAL : CallDirection.OUTBOUND,
    result: callResult(call.result, inbound),
    vendorResult: call.result ?? null,
    from: inbound ? party(call.from_username, call.from_screen_name, null, ctx) : outboundCaller(call, extensionId, ctx),
    to: party(call.to_username, null, inbound ? extensionId : null, ctx),
    extensionId,
    endedBy: typeof call.hangup_disposition === 'string' ? (TP_DISPOSITIONS[call.hangup_disposition] ?? EndedBy.UNKNOWN) : EndedBy.UNKNOWN,
    // Recordings hang off the cdr: `calls` cannot say.
    detail: legs ? { legs, recordings: [] } : null,
    listedRecordings: [],
    hasRecording: legs ? legs.some((leg) => leg.recording !== null) : null,
  };
}

/**
 * The caller of an outbound call: from_username is the extension's SIP user ("100*0111"); the caller id the
 * callee saw is the cdr's ani_number (vendors.md §3.7), known when the call comes with its cdr.
 */
function outboundCaller(call: TpCall, extensionId: string | null, ctx: TpMappingContext): Party {
  const sip = party(call.from_username, call.from_screen_name, extensionId, ctx);
  const presented = Array.isArray(call.cdr) ? call.cdr.find((cdr) => typeof cdr?.ani_number === 'string' && cdr.ani_number !== '')?.ani_number : undefined;
  return presented ? { ...sip, phoneNumber: normalizePhoneNumber(presented, ctx.defaultCountry) } : sip;
}

export function mapExtension(row: TpExtension, account: string): Extension {
  if (!row || typeof row.id !== 'number') throw new TpMappingError('extension has no numeric id');
  // The name is "client prefix*number"; the number is after the "*" (vendors.md §3.5).
  const number = typeof row.name === 'string' ? (row.name.split('*').pop() ?? null) : null;
  return { provider: TELPHIN, account, nativeId: String(row.id), extensionNumber: number, name: row.label ?? row.name ?? null, type: row.type ?? null, email: null };
}
