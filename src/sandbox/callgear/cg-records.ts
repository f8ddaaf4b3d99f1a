import { formatWall } from '../../lib/zoned-time';
import { SandboxCall, SandboxExtension, SandboxLeg, SandboxParty } from '../dataset/types';

/**
 * The sandbox data set as CallGear's reports print it (vendors.md §2.5–2.8, seed 002), written from the
 * documentation, not from Callbridge's adapter. Datetimes are wall times in the account's zone with no offset;
 * phone numbers are digits without "+", as CallGear prints them.
 */
export interface CgRenderContext {
  readonly zone: string;
  /** Base of the media links (https://app.callgear.com in production). */
  readonly mediaBase: string;
  readonly extensions: ReadonlyMap<string, SandboxExtension>;
}

type Row = Record<string, unknown>;

const digits = (number: string): string => number.replace(/^\+/, '');
const seconds = (from: Date, to: Date | null): number => (to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : 0);

/** The contact (the external party) of a call: the caller of an inbound call, the callee otherwise. */
function contactOf(call: SandboxCall): SandboxParty {
  return call.direction === 'inbound' ? call.caller : call.callee;
}

/** A 32-hex id derived from a seed string (voicemail and full-record link ids). */
function hexId(seed: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x1234567;
  let out = '';
  for (let round = 0; out.length < 32; round++) {
    for (const ch of `${seed}:${round}`) {
      h1 = Math.imul(h1 ^ ch.charCodeAt(0), 16777619) >>> 0;
      h2 = Math.imul(h2 + ch.charCodeAt(0), 2246822519) >>> 0;
    }
    out += (h1 ^ h2).toString(16).padStart(8, '0');
  }
  return out.slice(0, 32);
}

export function voicemailRecordId(call: SandboxCall): string | null {
  return call.outcome === 'voicemail' ? hexId(`vm:${call.id}`) : null;
}

export function fullRecordLinkId(call: SandboxCall): string | null {
  return call.recordings.length > 0 ? hexId(`full:${call.id}`) : null;
}

/** Who ended an answered call, in CallGear's words: the contact ("caller_*") or the employee ("operator_*"). */
function answeredReason(call: SandboxCall): string {
  const contactEnded = call.direction === 'inbound' ? call.endedBy === 'caller' : call.endedBy === 'callee';
  return contactEnded ? 'caller_disconnects' : 'operator_disconnects';
}

/** The session's finish_reason (vendors.md §2.5 list). */
export function sessionFinishReason(call: SandboxCall): string {
  const inbound = call.direction === 'inbound';
  switch (call.outcome) {
    case 'answered':
      return answeredReason(call);
    case 'missed':
      return inbound ? 'operator_not_responsive' : 'caller_not_responsive';
    case 'voicemail':
      return 'caller_disconnects';
    case 'abandoned':
      return 'disconnect_before_call_processing';
    case 'busy':
      return inbound ? 'operator_busy' : 'caller_busy';
    case 'rejected':
      return inbound ? 'numa_in_black_list' : 'caller_disconnects';
    case 'failed':
      return inbound ? 'operator_number_problems' : 'caller_number_problems';
  }
}

function employeeOf(id: string | null, ctx: CgRenderContext): SandboxExtension | null {
  const ext = id ? ctx.extensions.get(id) : undefined;
  return ext && ext.kind === 'user' ? ext : null;
}

function groupOf(call: SandboxCall, ctx: CgRenderContext): SandboxExtension | null {
  const leg = call.legs.find((l) => l.kind === 'queue');
  return leg?.extensionId ? (ctx.extensions.get(leg.extensionId) ?? null) : null;
}

const answeredLeg = (l: SandboxLeg): boolean => l.outcome === 'answered' && l.answer !== null;
/** The employees' legs: every leg that rang an employee (not the contact's own leg, not queues). */
const employeeLegs = (call: SandboxCall, ctx: CgRenderContext): SandboxLeg[] =>
  call.legs.filter((l) => l.kind !== 'voicemail' && l.kind !== 'queue' && l.kind !== 'ivr' && employeeOf(l.extensionId, ctx) !== null && !isContactLeg(call, l));

/** The contact's own leg: into CallGear for an inbound call, out to the contact for an outbound one. */
function isContactLeg(call: SandboxCall, leg: SandboxLeg): boolean {
  if (call.direction === 'inbound') return leg.kind === 'caller';
  return leg.kind === 'callee';
}

/** Every documented get.calls_report field the simulator knows (the method answers the ones asked). */
export function renderSession(call: SandboxCall, ctx: CgRenderContext): Row {
  const contact = contactOf(call);
  const legs = employeeLegs(call, ctx);
  const answered = legs.filter(answeredLeg);
  const talked = answered;
  const employees = legs
    .map((l) => employeeOf(l.extensionId, ctx)!)
    .filter((e, i, all) => all.findIndex((x) => x.id === e.id) === i)
    .map((e) => ({
      employee_id: Number(e.id),
      employee_full_name: e.name,
      is_answered: answered.some((l) => l.extensionId === e.id),
      is_talked: talked.some((l) => l.extensionId === e.id),
    }));
  const first = answered[0] ? employeeOf(answered[0].extensionId, ctx) : null;
  const last = answered[answered.length - 1] ? employeeOf(answered[answered.length - 1]!.extensionId, ctx) : null;
  const group = groupOf(call, ctx);
  const ring = call.answer ? seconds(call.start, call.answer) : seconds(call.start, call.end);
  const talk = call.answer ? seconds(call.answer, call.end) : 0;
  const vm = voicemailRecordId(call);
  const full = fullRecordLinkId(call);
  const company = call.direction === 'inbound' ? call.callee : call.caller;
  return {
    id: Number(call.id),
    start_time: formatWall(call.start, ctx.zone),
    finish_time: formatWall(call.end, ctx.zone),
    finish_reason: sessionFinishReason(call),
    direction: call.direction === 'inbound' ? 'in' : 'out',
    source: call.direction === 'inbound' ? 'va' : 'sip',
    is_lost: call.outcome !== 'answered',
    communication_id: Number(call.id),
    communication_number: 1,
    communication_type: 'call',
    contact_phone_number: digits(contact.number),
    contact_id: contact.extensionId ? null : Number(call.id) % 100_000,
    contact_full_name: contact.name,
    virtual_phone_number: company.number.length > 5 ? digits(company.number) : null,
    wait_duration: ring,
    total_wait_duration: ring,
    talk_duration: talk,
    clean_talk_duration: talk,
    total_duration: seconds(call.start, call.end),
    postprocess_duration: call.outcome === 'answered' ? 0 : null,
    lost_call_processing_duration: null,
    call_records: call.recordings.map((r) => r.id),
    wav_call_records: [],
    voice_mail_records: vm ? [vm] : [],
    full_record_file_link: full ? `${ctx.mediaBase}/${call.id}/${full}` : null,
    is_transfer: call.legs.some((l) => l.kind === 'transfer'),
    employees,
    first_answered_employee_id: first ? Number(first.id) : null,
    first_answered_employee_full_name: first?.name ?? null,
    last_answered_employee_id: last ? Number(last.id) : null,
    last_answered_employee_full_name: last?.name ?? null,
    last_answered_employee_rating: null,
    first_talked_employee_id: first ? Number(first.id) : null,
    first_talked_employee_full_name: first?.name ?? null,
    last_talked_employee_id: last ? Number(last.id) : null,
    last_talked_employee_full_name: last?.name ?? null,
    operator_phone_number: last ? last.number : null,
    scenario_id: group ? 7001 : null,
    scenario_name: group ? `${group.name} scenario` : null,
    scenario_operations: [],
    tags: [],
    ext_id: null,
    call_api_request_id: null,
    call_api_external_id: null,
    cpn_region_id: null,
    cpn_region_name: null,
    site_id: null,
    site_domain_name: null,
    campaign_id: null,
    campaign_name: null,
    visitor_id: null,
    utm_source: null,
    utm_medium: null,
    utm_campaign: null,
  };
}

const LEG_REASON_TEXT: Record<string, string> = {
  success_finish: 'Call finished successfully',
  caller_disconnects: 'The caller hung up',
  operator_disconnects: 'The operator hung up',
  transfer_disconnects: 'The call was transferred',
  operator_not_responsive: 'The operator did not answer',
  caller_not_responsive: 'The subscriber did not answer',
  operator_busy: 'The operator is busy',
  caller_busy: 'The subscriber is busy',
  numa_in_black_list: 'The number is in the black list',
  caller_number_problems: 'Problems with the subscriber number',
  operator_number_problems: 'Problems with the operator number',
  disconnect_before_call_processing: 'The caller hung up before the call was processed',
  another_operator_answer: 'Another operator answered',
};

function legFinishReason(call: SandboxCall, leg: SandboxLeg): string {
  if (leg.kind === 'queue' || leg.kind === 'ivr') return 'success_finish';
  if (call.legs.some((l) => l.kind === 'transfer') && leg.kind === 'callee' && call.direction === 'inbound') return 'transfer_disconnects';
  switch (leg.outcome) {
    case 'answered':
      return answeredReason(call);
    case 'answered-elsewhere':
      return 'another_operator_answer';
    case 'abandoned':
      return 'disconnect_before_call_processing';
    default:
      return sessionFinishReason({ ...call, outcome: leg.outcome });
  }
}

/** The call's legs as get.call_legs_report prints them (seed 002); voicemail is a session record, not a leg. */
export function renderLegs(call: SandboxCall, ctx: CgRenderContext): Row[] {
  const contact = contactOf(call);
  const group = groupOf(call, ctx);
  const company = call.direction === 'inbound' ? call.callee : call.caller;
  return call.legs
    .map((leg, index) => ({ leg, index }))
    .filter(({ leg }) => leg.kind !== 'voicemail')
    .map(({ leg, index }) => {
      const employee = isContactLeg(call, leg) ? null : employeeOf(leg.extensionId, ctx);
      const reason = legFinishReason(call, leg);
      const talked = answeredLeg(leg);
      const inGroup = leg.kind === 'queue' || (group !== null && employee !== null);
      return {
        id: Number(call.id) * 100 + index,
        call_session_id: Number(call.id),
        call_records: leg.recording ? [leg.recording.id] : [],
        start_time: formatWall(leg.start, ctx.zone),
        connect_time: leg.answer ? formatWall(leg.answer, ctx.zone) : null,
        duration: leg.answer ? seconds(leg.answer, leg.end) : 0,
        total_duration: seconds(leg.start, leg.end),
        finish_reason: reason,
        finish_reason_description: LEG_REASON_TEXT[reason] ?? reason,
        virtual_phone_number: company.number.length > 5 ? digits(company.number) : null,
        calling_phone_number: digits(leg.from.number),
        called_phone_number: digits(leg.to.number),
        direction: leg.direction === 'inbound' ? 'in' : 'out',
        is_transfered: leg.kind === 'transfer',
        is_operator: employee !== null,
        employee_id: employee ? Number(employee.id) : null,
        employee_full_name: employee?.name ?? null,
        employee_phone_number: employee?.number ?? null,
        employee_rating: null,
        scenario_id: group ? 7001 : null,
        scenario_name: group ? `${group.name} scenario` : null,
        is_coach: false,
        release_cause_code: talked || leg.outcome === 'answered' ? 16 : leg.outcome === 'busy' ? 17 : 19,
        release_cause_description: talked || leg.outcome === 'answered' ? 'Normal call clearing' : leg.outcome === 'busy' ? 'User busy' : 'No answer from user',
        is_failed: employee !== null && !talked,
        is_talked: talked,
        contact_id: contact.extensionId ? null : Number(call.id) % 100_000,
        contact_full_name: contact.name,
        contact_phone_number: digits(contact.number),
        action_id: inGroup ? 9001 : null,
        action_name: inGroup ? 'Distribute to group' : null,
        group_id: inGroup && group ? Number(group.id) : null,
        group_name: inGroup && group ? group.name : null,
      };
    });
}

/** An employee as get.employees prints it (vendors.md §2.7). */
export function renderEmployee(ext: SandboxExtension, groups: readonly SandboxExtension[]): Row {
  const [first = ext.name, ...rest] = ext.name.split(' ');
  return {
    id: Number(ext.id),
    login: ext.email ? ext.email.split('@')[0] : `employee${ext.id}`,
    first_name: first,
    last_name: rest.join(' ') || null,
    patronymic: null,
    full_name: ext.name,
    email: ext.email,
    status_id: 1,
    call_recording: 'all',
    groups: groups.map((g) => ({ group_id: Number(g.id), group_name: g.name })),
    phone_numbers: [{ phone_id: Number(ext.id) * 10 + 1, phone_number: `4930555${ext.number.padStart(4, '0')}`, channels_count: 1, dial_time: 30, status: 'active' }],
    extension: { extension_phone_number: ext.number },
    schedule_id: null,
    schedule_name: null,
    coach: null,
  };
}
