import { CallLeg, CallSession, Extension, Party, RecordingRef } from '../domain/call-session';
import { CallDirection, CallResult, EndedBy, LegRole, Provider } from '../domain/enums';
import { normalizePhoneNumber } from '../domain/phone-number';
import { SandboxCall, SandboxExtension, SandboxLeg, SandboxParty, SandboxRecording } from './dataset/types';

/**
 * The sandbox data set seen directly as domain objects, for the in-memory sandbox accounts
 * (used until a vendor's simulator serves its share of the data set through the real adapter).
 * vendorResult carries the data set's own outcome label, since no vendor produced these rows.
 */
const DIRECTION: Record<SandboxCall['direction'], CallDirection> = {
  inbound: CallDirection.INBOUND,
  outbound: CallDirection.OUTBOUND,
  internal: CallDirection.INTERNAL,
};

const RESULT: Record<SandboxLeg['outcome'], CallResult> = {
  answered: CallResult.ANSWERED,
  'answered-elsewhere': CallResult.ANSWERED,
  missed: CallResult.MISSED,
  voicemail: CallResult.VOICEMAIL,
  busy: CallResult.BUSY,
  rejected: CallResult.REJECTED,
  failed: CallResult.FAILED,
  abandoned: CallResult.ABANDONED,
};

const ROLE: Record<SandboxLeg['kind'], LegRole> = {
  caller: LegRole.CALLER,
  callee: LegRole.CALLEE,
  forward: LegRole.FORWARD,
  transfer: LegRole.TRANSFER,
  queue: LegRole.QUEUE,
  ivr: LegRole.IVR,
  voicemail: LegRole.VOICEMAIL,
};

const ENDED_BY: Record<SandboxCall['endedBy'], EndedBy> = { caller: EndedBy.CALLER, callee: EndedBy.CALLEE, system: EndedBy.SYSTEM };

export const WAV_CONTENT_TYPE = 'audio/wav';

function party(p: SandboxParty): Party {
  return { rawNumber: p.number, phoneNumber: normalizePhoneNumber(p.number), name: p.name, location: p.location, extensionId: p.extensionId };
}

function recording(r: SandboxRecording): RecordingRef {
  return { nativeId: r.id, startTime: r.start, duration: r.duration, contentType: WAV_CONTENT_TYPE };
}

const seconds = (from: Date, to: Date | null): number | null => (to ? Math.round((to.getTime() - from.getTime()) / 1000) : null);

function leg(l: SandboxLeg, index: number, masterIndex: number): CallLeg {
  return {
    index,
    legType: l.kind,
    role: ROLE[l.kind],
    master: index === masterIndex,
    startTime: l.start,
    answerTime: l.answer,
    duration: seconds(l.start, l.end),
    direction: DIRECTION[l.direction],
    result: RESULT[l.outcome],
    vendorResult: l.outcome,
    from: party(l.from),
    to: party(l.to),
    extensionId: l.extensionId,
    recording: l.recording ? recording(l.recording) : null,
  };
}

export function sessionFromSandbox(call: SandboxCall, provider: Provider, account: string): CallSession {
  const masterIndex = call.legs.findIndex((l) => l.kind === 'caller');
  return {
    provider,
    account,
    nativeId: call.id,
    startTime: call.start,
    answerTime: call.answer,
    endTime: call.end,
    duration: seconds(call.start, call.end),
    talkDuration: call.answer ? seconds(call.answer, call.end) : 0,
    direction: DIRECTION[call.direction],
    result: RESULT[call.outcome],
    vendorResult: call.outcome,
    from: party(call.caller),
    to: party(call.callee),
    extensionId: call.extensionId,
    endedBy: ENDED_BY[call.endedBy],
    detail: { legs: call.legs.map((l, i) => leg(l, i, masterIndex)), recordings: call.recordings.map(recording) },
    hasRecording: call.recordings.length > 0,
  };
}

export function extensionFromSandbox(ext: SandboxExtension, provider: Provider, account: string): Extension {
  return { provider, account, nativeId: ext.id, extensionNumber: ext.number, name: ext.name, type: ext.kind, email: ext.email };
}
