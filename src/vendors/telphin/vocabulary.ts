import { CallResult, EndedBy } from '../../domain/enums';

/**
 * Telphin's enumerations (seed 004; vendors.md §3.4) and what they mean. Unknown values map to UNKNOWN with
 * the raw value kept. The tables are in docs/vendors/telphin.md.
 */

/**
 * The call's `result`. `answered` means IVR, a queue or voicemail answered but no operator did: for an
 * inbound call nobody at the company talked to the caller, so it is MISSED; for an outgoing call the callee
 * answered.
 */
export function callResult(result: string | null | undefined, inbound: boolean): CallResult {
  switch (result) {
    case 'bridged':
      return CallResult.ANSWERED;
    case 'answered':
      return inbound ? CallResult.MISSED : CallResult.ANSWERED;
    case 'not answered':
      return CallResult.MISSED;
    case 'busy':
      return CallResult.BUSY;
    case 'rejected':
      return CallResult.REJECTED;
    case 'failed':
      return CallResult.FAILED;
    default:
      return CallResult.UNKNOWN;
  }
}

/** A cdr leg's `result` (vendors.md §3.4). */
export const TP_CDR_RESULTS: Readonly<Record<string, CallResult>> = {
  answered: CallResult.ANSWERED,
  'answered elsewhere': CallResult.ANSWERED,
  'not answered': CallResult.MISSED,
  busy: CallResult.BUSY,
  rejected: CallResult.REJECTED,
  failed: CallResult.FAILED,
  voicemail: CallResult.VOICEMAIL,
};

/** `hangup_disposition`: who ended the call (seed 004). */
export const TP_DISPOSITIONS: Readonly<Record<string, EndedBy>> = {
  caller_bye: EndedBy.CALLER,
  caller_cancel: EndedBy.CALLER,
  callee_bye: EndedBy.CALLEE,
  callee_refuse: EndedBy.CALLEE,
  internal_cancel: EndedBy.SYSTEM,
  '': EndedBy.UNKNOWN,
};
