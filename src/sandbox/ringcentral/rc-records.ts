import { SandboxCall, SandboxExtension, SandboxLeg, SandboxParty, SandboxRecording } from '../dataset/types';
import { RcCallRecord } from './rc-call-records';

/**
 * The sandbox data set as RingCentral's call log prints it, written from RingCentral's documentation
 * (vendors.md §1.4, seeds 000, 001, 003), not from Callbridge's adapter: a mistake in either shows up in tests.
 */
export interface RcUrls {
  readonly api: string;
  readonly media: string;
  readonly accountId: string;
}

type Json = Record<string, unknown>;

const accountPath = (urls: RcUrls) => `${urls.api}/restapi/v1.0/account/${urls.accountId}`;

/** A stable numeric session id and an `s-` telephony session id derived from the call id: every record of the call shares them. */
export function sessionIds(callId: string): { sessionId: string; telephonySessionId: string } {
  let hash = 0n;
  for (const ch of callId) hash = (hash * 131n + BigInt(ch.charCodeAt(0))) % 10n ** 12n;
  return { sessionId: String(400_000_000_000n + hash), telephonySessionId: `s-a0${hash.toString(16)}${callId.slice(0, 6).toLowerCase()}` };
}

function party(p: SandboxParty, extensions: ReadonlyMap<string, SandboxExtension>): Json {
  const ext = p.extensionId ? extensions.get(p.extensionId) : undefined;
  const out: Json = {};
  // Extensions dial by short number; external parties by E.164.
  if (ext && p.number === ext.number) out['extensionNumber'] = ext.number;
  else out['phoneNumber'] = p.number;
  if (p.name) out['name'] = p.name;
  if (p.location) out['location'] = p.location;
  if (ext) out['extensionId'] = ext.id;
  return out;
}

function extensionRef(id: string | null, urls: RcUrls): Json | undefined {
  return id ? { uri: `${accountPath(urls)}/extension/${id}`, id: Number(id) } : undefined;
}

function recording(rec: SandboxRecording | null, urls: RcUrls): Json | undefined {
  if (!rec) return undefined;
  return {
    uri: `${accountPath(urls)}/recording/${rec.id}`,
    id: rec.id,
    type: 'Automatic',
    contentUri: `${urls.media}/restapi/v1.0/account/${urls.accountId}/recording/${rec.id}/content`,
  };
}

/** RingCentral's result words (vendors.md §1.4: "Call connected" is lower-case). */
function resultWord(outcome: SandboxLeg['outcome'], inbound: boolean): string {
  switch (outcome) {
    case 'answered':
      return inbound ? 'Accepted' : 'Call connected';
    case 'answered-elsewhere':
      return 'Answered Elsewhere';
    case 'missed':
      return inbound ? 'Missed' : 'No Answer';
    case 'voicemail':
      return 'Voicemail';
    case 'busy':
      return 'Busy';
    case 'rejected':
      return inbound ? 'Rejected' : 'Declined';
    case 'failed':
      return 'Call Failed';
    case 'abandoned':
      return 'Hang Up';
  }
}

function reasonWord(outcome: SandboxLeg['outcome']): string {
  const reasons: Record<SandboxLeg['outcome'], string> = {
    answered: 'Accepted',
    'answered-elsewhere': 'Accepted',
    missed: 'Not Answered',
    voicemail: 'Not Answered',
    busy: 'Line Busy',
    // 'Rejected' is not a CallResultReasonEnum value (RCX); a declined call's documented reason is this one.
    rejected: 'Calls Not Accepted',
    failed: 'Internal Error',
    abandoned: 'Hang Up',
  };
  return reasons[outcome];
}

function action(call: SandboxCall): string {
  if (call.scenario === 'ringout') return 'RingOut PC';
  if (call.direction === 'inbound') return 'Phone Call';
  return 'VoIP Call';
}

function legTypeOf(call: SandboxCall, leg: SandboxLeg, forwardIndex: number): string | null {
  switch (leg.kind) {
    case 'caller':
      if (call.scenario === 'ringout') return 'RingOutClientToCaller';
      return call.direction === 'inbound' ? 'Accept' : null; // an outbound call is one leg, to the callee
    case 'callee':
      if (call.scenario === 'ringout') return 'RingOutClientToSubscriber';
      if (call.direction === 'inbound') return 'Accept';
      return call.direction === 'internal' ? 'ExtensionToExtension' : 'SipToPstnMetered';
    case 'forward':
      return forwardIndex % 2 === 0 ? 'FindMe' : 'FollowMe';
    case 'transfer':
      return 'TransferCall';
    default:
      // RingCentral has no leg type for voicemail (the Accept leg's result says it), queues or IVR here.
      return null;
  }
}

/** The record fields the call-log filters look at, without rendering the whole record. */
export function recordFacts(record: RcCallRecord): { direction: string; transport: string; sessionId: string; telephonySessionId: string } {
  return {
    direction: record.direction,
    transport: record.call.direction === 'internal' ? 'VoIP' : 'PSTN',
    ...sessionIds(record.call.id),
  };
}

/**
 * A call-log record as RingCentral serves it. `lastModified` (epoch ms) is when the call's record last
 * changed (Detailed only); by default 20 s after the call ended, when the record appeared.
 */
export function renderRecord(part: RcCallRecord, detailed: boolean, urls: RcUrls, extensions: ReadonlyMap<string, SandboxExtension>, lastModified?: number): Json {
  const call = part.call;
  const { direction, transport, sessionId, telephonySessionId } = recordFacts(part);
  const inbound = direction === 'Inbound';
  const durationMs = call.end.getTime() - call.start.getTime();
  const record: Json = {
    uri: `${accountPath(urls)}/call-log/${part.id}?view=${detailed ? 'Detailed' : 'Simple'}`,
    id: part.id,
    sessionId,
    telephonySessionId,
    startTime: call.start.toISOString(),
    duration: Math.round(durationMs / 1000),
    durationMs,
    type: 'Voice',
    internalType: call.direction === 'internal' ? 'Local' : 'LongDistance',
    direction,
    action: action(call),
    result: resultWord(call.outcome, inbound),
    reason: reasonWord(call.outcome),
    to: party(call.callee, extensions),
    from: party(call.caller, extensions),
    extension: extensionRef(part.extensionId, urls),
    transport,
  };
  const main = part.legs.find((leg) => leg.recording !== null)?.recording;
  if (main) record['recording'] = recording(main, urls);
  if (detailed) {
    record['lastModifiedTime'] = new Date(lastModified ?? call.end.getTime() + 20_000).toISOString();
    record['billing'] = { costIncluded: 0.0, costPurchased: 0.0 };
    record['legs'] = renderLegs(part, urls, extensions);
  }
  return dropUndefined(record);
}

function renderLegs(part: RcCallRecord, urls: RcUrls, extensions: ReadonlyMap<string, SandboxExtension>): Json[] {
  const call = part.call;
  const legs: Json[] = [];
  let forwardIndex = 0;
  const voicemail = call.legs.some((l) => l.kind === 'voicemail');
  for (const leg of call.legs) {
    const legType = legTypeOf(call, leg, leg.kind === 'forward' ? forwardIndex++ : 0);
    if (!legType || !part.legs.includes(leg)) continue;
    const legInbound = leg.direction === 'inbound';
    // A call sent to voicemail shows it on the leg to the extension.
    const outcome = voicemail && leg.kind === 'callee' ? 'voicemail' : leg.outcome;
    // RingOut's callee leg is seen from the callee: its from and to are reversed (seed 001).
    const reversed = legType === 'RingOutClientToSubscriber';
    const out: Json = {
      startTime: leg.start.toISOString(),
      duration: Math.round((leg.end.getTime() - leg.start.getTime()) / 1000),
      durationMs: leg.end.getTime() - leg.start.getTime(),
      type: 'Voice',
      direction: legInbound ? 'Inbound' : 'Outbound',
      action: leg.kind === 'forward' ? legType : leg.kind === 'transfer' ? 'Transfer' : action(call),
      result: resultWord(outcome, legInbound),
      reason: reasonWord(outcome),
      to: party(reversed ? leg.from : leg.to, extensions),
      from: party(reversed ? leg.to : leg.from, extensions),
      extension: extensionRef(leg.extensionId, urls),
      transport: call.direction === 'internal' ? 'VoIP' : 'PSTN',
      legType,
      recording: recording(leg.recording, urls),
    };
    legs.push(dropUndefined(out));
  }
  // The leg that mirrors the whole record is the master: the caller leg of a RingOut, else the record's first leg.
  const masterIndex = call.scenario === 'ringout' ? legs.findIndex((l) => l['legType'] === 'RingOutClientToCaller') : 0;
  if (legs[masterIndex]) legs[masterIndex]!['master'] = true;
  return legs;
}

export function renderExtension(ext: SandboxExtension, urls: RcUrls): Json {
  const [firstName, ...rest] = ext.name.split(' ');
  return dropUndefined({
    uri: `${accountPath(urls)}/extension/${ext.id}`,
    id: Number(ext.id),
    extensionNumber: ext.number,
    name: ext.name,
    type: ext.kind === 'user' ? 'User' : ext.kind === 'queue' ? 'Department' : 'IvrMenu',
    status: 'Enabled',
    contact: ext.kind === 'user' ? dropUndefined({ firstName, lastName: rest.join(' '), email: ext.email ?? undefined }) : { firstName: ext.name },
  });
}

function dropUndefined(obj: Json): Json {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}
