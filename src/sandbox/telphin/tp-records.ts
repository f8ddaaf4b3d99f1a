import { SandboxCall, SandboxExtension, SandboxLeg, SandboxParty } from '../dataset/types';

/**
 * The sandbox data set as Telphin prints it (seed 004, vendors.md §3.4–3.5, fixtures/telphin), written from
 * the documentation, not from Callbridge's adapter. Datetimes are UTC "YYYY-MM-DD HH:MM:SS" (cdr start times
 * carry hundredths, as in the fixture); extensions are "prefix*number" usernames.
 */
export interface TpRenderContext {
  readonly clientId: number;
  readonly extensions: ReadonlyMap<string, SandboxExtension>;
}

type Row = Record<string, unknown>;
const DOMAIN = 'sipproxy.telphin.ru';
/** The sandbox client's extension prefix: extension 301 is "100*301". */
const PREFIX = '100';

export function gmt(date: Date | null, hundredths = false): string | null {
  if (!date) return null;
  const text = date.toISOString().replace('T', ' ');
  return hundredths ? text.slice(0, 22) : text.slice(0, 19);
}

const seconds = (from: Date, to: Date | null): number => (to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : 0);

/** A leg's start with the hundredths Telphin's cdr show (stable per leg). */
function legInit(leg: SandboxLeg, index: number): Date {
  return new Date(leg.start.getTime() + ((index * 37 + leg.start.getUTCSeconds() * 7) % 100) * 10);
}

export function extensionUsername(ext: SandboxExtension): string {
  return `${PREFIX}*${ext.number}`;
}

/** How a party prints: extensions as usernames; Russian numbers inbound without "+", as Telphin's ani does. */
function username(p: SandboxParty, ctx: TpRenderContext, plain = false): string {
  const ext = p.extensionId ? ctx.extensions.get(p.extensionId) : undefined;
  if (ext && p.number === ext.number) return extensionUsername(ext);
  return plain ? p.number.replace(/^\+/, '') : p.number;
}

/** The call's result (seed 004): bridged when an operator answered; answered when only IVR, a queue or voicemail did. */
function callResult(call: SandboxCall): string {
  const menus = call.legs.some((l) => l.kind === 'queue' || l.kind === 'ivr');
  switch (call.outcome) {
    case 'answered':
      return 'bridged';
    case 'voicemail':
      return 'answered';
    case 'abandoned':
      return menus ? 'answered' : 'not answered';
    case 'missed':
      return 'not answered';
    case 'busy':
      return 'busy';
    case 'rejected':
      return 'rejected';
    case 'failed':
      return 'failed';
  }
}

function disposition(call: SandboxCall): string {
  switch (call.outcome) {
    case 'answered':
      return call.endedBy === 'caller' ? 'caller_bye' : 'callee_bye';
    case 'voicemail':
      return 'caller_bye';
    case 'abandoned':
      return 'caller_cancel';
    case 'busy':
    case 'rejected':
      return 'callee_refuse';
    case 'missed':
    case 'failed':
      return 'internal_cancel';
  }
}

const CDR_RESULT: Record<SandboxLeg['outcome'], string> = {
  answered: 'answered',
  'answered-elsewhere': 'answered elsewhere',
  missed: 'not answered',
  voicemail: 'voicemail',
  busy: 'busy',
  rejected: 'rejected',
  failed: 'failed',
  abandoned: 'not answered',
};

function extensionFields(ext: SandboxExtension | undefined, ctx: TpRenderContext): Row {
  return {
    extension_id: ext ? Number(ext.id) : null,
    extension_name: ext ? `${extensionUsername(ext)}@${DOMAIN}` : null,
    extension_type: ext ? (ext.kind === 'user' ? 'phone' : ext.kind) : null,
    extension_group_owner_id: null,
    client_owner_id: ctx.clientId,
    ext_number_reg: null,
  };
}

/** The operator leg that talked, if any (its answer time is when the call was bridged). */
const bridgedLeg = (call: SandboxCall): SandboxLeg | undefined =>
  [...call.legs].reverse().find((l) => l.outcome === 'answered' && l.answer && l.kind !== 'caller' && l.kind !== 'queue' && l.kind !== 'ivr' && l.kind !== 'voicemail');

/** A `calls` object (seed 004: every documented field). */
export function renderCall(call: SandboxCall, ctx: TpRenderContext): Row {
  const inbound = call.direction === 'inbound';
  const owner = call.extensionId ? ctx.extensions.get(call.extensionId) : undefined;
  const bridged = bridgedLeg(call);
  const firstAnswer = call.legs.map((l) => (l.kind !== 'caller' ? l.answer : null)).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  return {
    call_uuid: call.id,
    ...extensionFields(owner, ctx),
    flow: inbound ? 'in' : 'out',
    // Outbound: the extension's SIP user, not a number; the caller id presented is the cdr's ani_number (vendors.md §3.7).
    from_username: inbound ? username(call.caller, ctx, true) : owner ? extensionUsername(owner) : username(call.caller, ctx),
    from_domain: DOMAIN,
    from_screen_name: inbound ? (call.caller.name ?? username(call.caller, ctx, true)) : owner ? (owner.name ?? extensionUsername(owner)) : username(call.caller, ctx),
    to_username: inbound && owner ? extensionUsername(owner) : username(call.callee, ctx),
    to_domain: DOMAIN,
    did_number: inbound ? call.callee.number.replace(/^\+/, '') : null,
    did_domain: inbound ? DOMAIN : null,
    diversion_number: null,
    bridged_username: bridged ? username(bridged.to, ctx) : null,
    bridged_domain: bridged ? DOMAIN : null,
    bridged_time_gmt: gmt(bridged?.answer ?? null),
    bridged_duration: bridged ? seconds(bridged.answer!, bridged.end) : null,
    init_time_gmt: gmt(call.start),
    start_time_gmt: gmt(firstAnswer),
    hangup_time_gmt: gmt(call.end),
    duration: seconds(call.start, call.end),
    result: callResult(call),
    hangup_cause: call.outcome === 'answered' ? 'NORMAL_CLEARING' : call.outcome === 'busy' ? 'USER_BUSY' : 'NO_ANSWER',
    hangup_disposition: disposition(call),
    quality_rate: call.outcome === 'answered' ? { rate: 4 + (Number.parseInt(call.id.slice(-1), 16) % 2), max_rate: 5 } : null,
  };
}

/** Legs Telphin keeps a cdr for: every leg that reached an extension or went out; not the caller's own inbound leg. */
function cdrLegs(call: SandboxCall): Array<{ leg: SandboxLeg; index: number }> {
  return call.legs.map((leg, index) => ({ leg, index })).filter(({ leg }) => leg.kind !== 'caller');
}

export function renderCdr(call: SandboxCall, leg: SandboxLeg, index: number, ctx: TpRenderContext): Row {
  const ext = leg.extensionId ? ctx.extensions.get(leg.extensionId) : undefined;
  const flow = leg.kind === 'transfer' ? 'transfer' : leg.direction === 'outbound' || leg.kind === 'forward' || call.direction !== 'inbound' ? 'out' : 'in';
  const from = username(leg.from, ctx, call.direction === 'inbound');
  const to = username(leg.to, ctx);
  return {
    ...extensionFields(ext, ctx),
    flow,
    from_username: from,
    from_domain: DOMAIN,
    from_screen_name: leg.from.name ?? from,
    to_username: to,
    to_domain: DOMAIN,
    did_number: call.direction === 'inbound' ? call.callee.number.replace(/^\+/, '') : null,
    did_domain: call.direction === 'inbound' ? DOMAIN : null,
    source_number: leg.kind === 'forward' ? from : null,
    source_domain: leg.kind === 'forward' ? DOMAIN : null,
    dest_number: to,
    dest_domain: DOMAIN,
    ani_number: call.caller.number.replace(/^\+/, ''),
    application: call.direction === 'inbound' ? null : 'callback',
    init_time_gmt: gmt(legInit(leg, index), true),
    start_time_gmt: gmt(leg.answer),
    hangup_time_gmt: gmt(leg.end),
    duration: leg.answer ? seconds(leg.answer, leg.end) : 0,
    result: CDR_RESULT[leg.outcome],
    hangup_cause: leg.outcome === 'answered' ? 'NORMAL_CLEARING' : leg.outcome === 'busy' ? 'USER_BUSY' : 'NO_ANSWER',
    hangup_disposition: leg.outcome === 'answered' ? disposition(call) : leg.outcome === 'busy' || leg.outcome === 'rejected' ? 'callee_refuse' : 'internal_cancel',
    record_uuid: leg.recording ? leg.recording.id : null,
    // The audio served: 8 kHz 16-bit WAV as long as the recording, which lasts as long as the leg talked (its cdr duration).
    record_file_size: leg.recording ? 44 + leg.recording.duration * 8000 * 2 : null,
  };
}

/** A `call_history` object: the call with its cdr (fixtures/telphin/call-history-item.json). */
export function renderHistory(call: SandboxCall, ctx: TpRenderContext): Row {
  return { ...renderCall(call, ctx), cdr: cdrLegs(call).map(({ leg, index }) => renderCdr(call, leg, index, ctx)) };
}

/** Record-list items: the recorded cdr with the call's id and the file (fixtures/telphin/records-list.json). */
export function renderRecordItems(call: SandboxCall, ctx: TpRenderContext): Row[] {
  return cdrLegs(call)
    .filter(({ leg }) => leg.recording)
    .map(({ leg, index }) => {
      const cdr = renderCdr(call, leg, index, ctx);
      const ext = leg.extensionId ? ctx.extensions.get(leg.extensionId) : undefined;
      const stamp = (leg.answer ?? leg.start).toISOString().slice(0, 19).replace(/[T:]/g, '-');
      return { ...cdr, call_uuid: call.id, file_name: `${stamp}-UTC_${cdr['flow']}_${ext?.number ?? '0000'}_${leg.recording!.id.slice(-4).toLowerCase()}.wav`, record_transfer: leg.kind === 'transfer' };
    });
}

/** An extension (vendors.md §3.5). */
export function renderExtension(ext: SandboxExtension, ctx: TpRenderContext): Row {
  return {
    id: Number(ext.id),
    name: extensionUsername(ext),
    label: ext.name,
    type: ext.kind === 'user' ? 'phone' : ext.kind,
    status: 'active',
    domain: DOMAIN,
    client_id: ctx.clientId,
    extension_group_id: null,
    create_date: '2024-03-01 09:00:00',
    caller_id_name: ext.name,
    dial_rule_limit: null,
    dial_rule_id: null,
    extra_params: null,
    ani_rfc3325: false,
    message_did: null,
    public_caller_id_number: null,
  };
}
