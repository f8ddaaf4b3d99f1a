import { CallLeg, CallSession, Extension, Party, RecordingRef, SessionDetail } from '../../domain/call-session';
import { CallDirection, CallResult, EndedBy, LegRole } from '../../domain/enums';
import { CALLGEAR } from './provider-id';
import { normalizePhoneNumber } from '../../domain/phone-number';
import { MappingError } from '../mapping-guard';
import { parseWall, wallToInstants } from '../../lib/zoned-time';
import { CgCallRow, CgEmployeeRow, CgLegRow } from './types';
import { CG_FINISH_REASONS, CG_SPECIFIC_FAILURES, CgEnder } from './vocabulary';

export interface CgMappingContext {
  readonly account: string;
  /** The account's IANA zone: CallGear's datetimes are wall times there, with no offset (vendors.md §2). */
  readonly zone: string;
  readonly defaultCountry?: string;
}

/** A malformed row: a typed upstream problem, never a half-mapped row. */
export class CgMappingError extends MappingError {}

/**
 * Which reading of a repeated wall time to take when nothing else tells (clocks going back repeat an hour):
 * 1 = the first pass (summer time), 2 = the second. See resolveStart().
 */
export type WallPass = 1 | 2;

/** A recording's id: CallGear's media path needs the communication as well as the record (vendors.md §2.8). */
export const recordingNativeId = (communicationId: number | string, record: string): string => `${communicationId}/${record}`;

export function parseRecordingNativeId(nativeId: string): { communicationId: string; record: string } | null {
  const m = /^(\d{1,20})\/([0-9A-Za-z]{1,64})$/.exec(nativeId);
  return m ? { communicationId: m[1]!, record: m[2]! } : null;
}

/** CallGear prints numbers as digits without "+" (international) or as short extension numbers. */
export function cgParty(raw: string | null | undefined, name: string | null, extensionId: string | null, ctx: CgMappingContext): Party {
  const text = raw ?? null;
  return { rawNumber: text, phoneNumber: cgPhoneNumber(text, ctx), name, location: null, extensionId };
}

export const isExtensionNumber = (raw: string | null | undefined): boolean => typeof raw === 'string' && /^\d{1,5}$/.test(raw);

function cgPhoneNumber(raw: string | null, ctx: CgMappingContext): string | null {
  if (raw === null || isExtensionNumber(raw)) return null;
  if (/^\d{10,15}$/.test(raw)) return normalizePhoneNumber(`+${raw}`);
  return normalizePhoneNumber(raw, ctx.defaultCountry);
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);

/**
 * The instant a row started. A wall time in the hour repeated when clocks go back has two readings; the
 * finish time and total duration settle it when the finish is unambiguous, else `pass` does (the adapter
 * knows it from the order CallGear lists the repeated hour in).
 */
export function resolveStart(row: Pick<CgCallRow, 'start_time' | 'finish_time' | 'total_duration'>, zone: string, pass: WallPass = 1): number {
  const candidates = wallToInstants(row.start_time, zone);
  if (candidates.length === 0) {
    throw new CgMappingError(parseWall(row.start_time) === null ? 'start_time is not a "YYYY-MM-DD hh:mm:ss" datetime' : `start_time ${row.start_time} does not exist in ${zone}`);
  }
  if (candidates.length === 1) return candidates[0]!;
  const finish = typeof row.finish_time === 'string' ? wallToInstants(row.finish_time, zone) : [];
  const total = num(row.total_duration);
  if (finish.length === 1 && total !== null) return closest(candidates, finish[0]! - total * 1000);
  return pass === 2 ? candidates[candidates.length - 1]! : candidates[0]!;
}

/** The reading of a wall time closest to an expected instant (for times that follow a known one). */
function resolveNear(text: string | null | undefined, zone: string, expected: number): number | null {
  if (typeof text !== 'string') return null;
  const candidates = wallToInstants(text, zone);
  return candidates.length === 0 ? null : closest(candidates, expected);
}

function closest(candidates: readonly number[], target: number): number {
  return candidates.reduce((best, c) => (Math.abs(c - target) < Math.abs(best - target) ? c : best));
}

function endedBy(ender: CgEnder, inbound: boolean): EndedBy {
  if (ender === 'contact') return inbound ? EndedBy.CALLER : EndedBy.CALLEE;
  if (ender === 'employee') return inbound ? EndedBy.CALLEE : EndedBy.CALLER;
  return ender === 'system' ? EndedBy.SYSTEM : EndedBy.UNKNOWN;
}

/** The session outcome: voicemail, then a specific failure, then is_lost (nobody answered), then the reason. */
export function sessionResult(reason: string | null, isLost: boolean | null, voicemail: boolean): CallResult {
  const known = reason ? CG_FINISH_REASONS[reason] : undefined;
  if (isLost === true && voicemail) return CallResult.VOICEMAIL;
  if (known && CG_SPECIFIC_FAILURES.has(known.result)) return known.result;
  if (isLost === true) return CallResult.MISSED;
  if (!known) return CallResult.UNKNOWN;
  return known.result;
}

/** A get.calls_report row as a CallSession without legs (they come from get.call_legs_report). */
export function mapCallRow(row: CgCallRow, ctx: CgMappingContext, pass: WallPass = 1): CallSession {
  if (!row || typeof row !== 'object' || typeof row.id !== 'number') throw new CgMappingError('calls_report row has no numeric id');
  if (typeof row.start_time !== 'string') throw new CgMappingError('calls_report row has no start_time');
  if (row.direction !== 'in' && row.direction !== 'out') throw new CgMappingError(`calls_report row ${row.id} has direction ${JSON.stringify(row.direction)}`);
  const start = resolveStart(row, ctx.zone, pass);
  const total = num(row.total_duration);
  const end = resolveNear(row.finish_time, ctx.zone, start + (total ?? 0) * 1000);
  const inbound = row.direction === 'in';
  const contactIsExtension = isExtensionNumber(row.contact_phone_number);
  const wait = num(row.wait_duration);
  const employees = Array.isArray(row.employees) ? row.employees : [];
  const ownerId = num(row.last_answered_employee_id) ?? num(employees[0]?.employee_id);
  const owner = ownerId !== null ? String(ownerId) : null;
  const contact = cgParty(row.contact_phone_number, row.contact_full_name ?? null, null, ctx);
  const company = cgParty(row.virtual_phone_number, null, owner, ctx);
  const reason = typeof row.finish_reason === 'string' ? row.finish_reason : null;
  const answerTime = row.is_lost === false && wait !== null ? new Date(start + wait * 1000) : null;
  const communication = num(row.communication_id) ?? row.id;
  // The session's own records (call_records of the calls report); the legs report names the legs' own.
  const listedRecordings = list(row.call_records).map(
    (record): RecordingRef => ({ nativeId: recordingNativeId(communication, record), startTime: answerTime ?? new Date(start), duration: num(row.talk_duration), contentType: null }),
  );
  return {
    provider: CALLGEAR,
    account: ctx.account,
    nativeId: String(row.id),
    startTime: new Date(start),
    answerTime,
    endTime: end !== null ? new Date(end) : total !== null ? new Date(start + total * 1000) : null,
    duration: total,
    talkDuration: num(row.talk_duration),
    // CallGear only says in or out; an outgoing call to a short extension number stays inside the company.
    direction: inbound ? CallDirection.INBOUND : contactIsExtension ? CallDirection.INTERNAL : CallDirection.OUTBOUND,
    result: sessionResult(reason, row.is_lost, list(row.voice_mail_records).length > 0),
    vendorResult: reason,
    from: inbound ? contact : company,
    to: inbound ? company : contact,
    extensionId: owner,
    endedBy: reason && CG_FINISH_REASONS[reason] ? endedBy(CG_FINISH_REASONS[reason]!.endedBy, inbound) : EndedBy.UNKNOWN,
    detail: null,
    listedRecordings,
    hasRecording: listedRecordings.length > 0,
  };
}

function legResult(row: CgLegRow): CallResult {
  if (row.is_talked === true) return CallResult.ANSWERED;
  const known = row.finish_reason ? CG_FINISH_REASONS[row.finish_reason] : undefined;
  if (!known) return CallResult.UNKNOWN;
  if (known.result !== CallResult.ANSWERED) return known.result;
  if (row.finish_reason === 'another_operator_answer' || row.connect_time) return CallResult.ANSWERED;
  return CallResult.MISSED;
}

/**
 * A leg's part in the call (docs/vendors/callgear.md): transfer legs, group (queue) legs, the employee's
 * legs (callee of an inbound call, caller of an outbound one) and the contact's leg (the other side).
 */
function legRole(row: CgLegRow, inbound: boolean): { role: LegRole; legType: string } {
  if (row.is_transfered === true) return { role: LegRole.TRANSFER, legType: 'transfer' };
  if (row.is_operator === true) return { role: inbound ? LegRole.CALLEE : LegRole.CALLER, legType: 'operator' };
  if (num(row.group_id) !== null) return { role: LegRole.QUEUE, legType: 'group' };
  return { role: inbound ? LegRole.CALLER : LegRole.CALLEE, legType: 'contact' };
}

/** A session's legs (rows of get.call_legs_report for it), in start order, with every recording (the session's own included). */
export function mapLegRows(rows: readonly CgLegRow[], session: CallSession, ctx: CgMappingContext): SessionDetail {
  const inbound = session.direction === CallDirection.INBOUND;
  const mapped = rows.map((row) => {
    if (!row || typeof row.id !== 'number') throw new CgMappingError('call_legs_report row has no numeric id');
    const start = resolveNear(row.start_time, ctx.zone, session.startTime.getTime());
    if (start === null) throw new CgMappingError(`call_legs_report row ${row.id} has no valid start_time`);
    return { row, start };
  });
  mapped.sort((a, b) => a.start - b.start || a.row.id - b.row.id);
  const legs = mapped.map(({ row, start }, index): CallLeg => {
    const employee = num(row.employee_id) !== null ? String(row.employee_id) : null;
    const operatorSide = row.is_operator === true ? employee : null;
    const answer = resolveNear(row.connect_time, ctx.zone, start);
    const record = list(row.call_records)[0];
    const { role, legType } = legRole(row, inbound);
    return {
      index,
      legType,
      role,
      master: null,
      startTime: new Date(start),
      answerTime: answer !== null ? new Date(answer) : null,
      duration: num(row.total_duration),
      direction: row.direction === 'in' ? CallDirection.INBOUND : row.direction === 'out' ? CallDirection.OUTBOUND : null,
      result: legResult(row),
      vendorResult: row.finish_reason ?? null,
      from: cgParty(row.calling_phone_number, null, row.direction === 'out' ? operatorSide : null, ctx),
      to: cgParty(row.called_phone_number, null, row.direction === 'in' ? operatorSide : null, ctx),
      extensionId: employee,
      recording: record
        ? { nativeId: recordingNativeId(row.call_session_id, record), startTime: new Date(answer ?? start), duration: num(row.duration), contentType: null }
        : null,
    };
  });
  return { legs, recordings: [...session.listedRecordings] };
}

export function mapEmployee(row: CgEmployeeRow, account: string): Extension {
  if (!row || typeof row.id !== 'number') throw new CgMappingError('employees row has no numeric id');
  return {
    provider: CALLGEAR,
    account,
    nativeId: String(row.id),
    extensionNumber: row.extension?.extension_phone_number ?? null,
    name: row.full_name ?? null,
    type: 'employee',
    email: row.email ?? null,
  };
}
