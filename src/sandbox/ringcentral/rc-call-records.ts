import { SandboxCall, SandboxLeg } from '../dataset/types';

/**
 * The records RingCentral keeps for one call. Calls are recorded per extension and aggregated at account
 * level, so an internal call or a transfer between two extensions appears once per extension in the company
 * log, the records sharing sessionId and telephonySessionId (RCD voice/call-log/api.md: "the session_id value
 * should be used if you want to associate multiple Call Logs as part of a given single call"; vendors.md §1.10).
 *
 * Not documented, so chosen here: every record of a call carries the call's startTime, and each carries the
 * legs its extension took part in (a transfer's first extension the legs before the transfer, its target the
 * transfer leg on), so that a reader who keeps one record per call loses legs.
 */
export interface RcCallRecord {
  /** The record's id: the call's id for the record of the call's owner, a derived one for the others. */
  readonly id: string;
  readonly call: SandboxCall;
  /** The extension whose log holds the record. */
  readonly extensionId: string | null;
  /** How the call reached this extension: an internal call is Outbound for its caller, Inbound for the callee. */
  readonly direction: 'Inbound' | 'Outbound';
  /** The legs this record carries. */
  readonly legs: readonly SandboxLeg[];
}

const callDirection = (call: SandboxCall): 'Inbound' | 'Outbound' => (call.direction === 'inbound' ? 'Inbound' : 'Outbound');

/** The record ids of a call's other extensions: the call id and a letter, like RingCentral's base62 ids. */
const otherId = (call: SandboxCall, n: number): string => `${call.id}${'BCDEFGH'[n]}`;

export function recordsOfCall(call: SandboxCall): RcCallRecord[] {
  const own = (legs: readonly SandboxLeg[]): RcCallRecord => ({ id: call.id, call, extensionId: call.extensionId, direction: callDirection(call), legs });
  if (call.direction === 'internal' && call.callee.extensionId && call.caller.extensionId !== call.callee.extensionId) {
    // The caller's record (the call's own) and the callee's: the same call, the same legs, seen from each side.
    return [own(call.legs), { id: otherId(call, 0), call, extensionId: call.callee.extensionId, direction: 'Inbound', legs: call.legs }];
  }
  const transfer = call.legs.findIndex((leg) => leg.kind === 'transfer');
  const from = call.legs.slice(0, transfer).find((leg) => leg.kind === 'callee')?.extensionId ?? null;
  if (transfer > 0 && from !== null && from !== call.extensionId) {
    // The extension that answered first, then transferred, and the call's owner: the transfer's target.
    return [{ id: otherId(call, 0), call, extensionId: from, direction: callDirection(call), legs: call.legs.slice(0, transfer) }, own(call.legs.slice(transfer))];
  }
  return [own(call.legs)];
}
