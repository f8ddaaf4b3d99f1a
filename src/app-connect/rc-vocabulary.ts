import { CallDirection, CallResult, LegRole } from '../domain/enums';

/**
 * Our vocabulary back in RingCentral's, for the call-log records App Connect connectors read (docs/app-connect.md
 * has the table). Every value is one of the spec's enums (CallResultEnum, CallResultReasonEnum, CallLegTypeEnum,
 * CallActionEnum in ../shared/specs/rc-public-openapi.yml), so a record of any vendor validates as RingCentral's.
 */

/** `direction` is exactly Inbound or Outbound (App Connect reads it so): an internal call is Outbound, as RingCentral logs it for its caller. */
export const RC_DIRECTION: Readonly<Record<CallDirection, 'Inbound' | 'Outbound'>> = {
  [CallDirection.INBOUND]: 'Inbound',
  [CallDirection.OUTBOUND]: 'Outbound',
  [CallDirection.INTERNAL]: 'Outbound',
};

/** `result` and, where one says it, `reason`. */
export const RC_RESULT: Readonly<Record<CallResult, { readonly result: string; readonly reason?: string }>> = {
  [CallResult.ANSWERED]: { result: 'Accepted', reason: 'Accepted' },
  [CallResult.MISSED]: { result: 'Missed', reason: 'Not Answered' },
  [CallResult.VOICEMAIL]: { result: 'Voicemail' },
  [CallResult.BUSY]: { result: 'Busy', reason: 'Line Busy' },
  [CallResult.REJECTED]: { result: 'Rejected', reason: 'Calls Not Accepted' },
  [CallResult.FAILED]: { result: 'Call Failed', reason: 'Internal Error' },
  [CallResult.ABANDONED]: { result: 'Abandoned', reason: 'Hang Up' },
  [CallResult.IN_PROGRESS]: { result: 'In Progress' },
  [CallResult.UNKNOWN]: { result: 'Unknown', reason: 'Unknown' },
};

/** A leg's `legType` and `action` by its role; the caller's leg by the call's direction (RingCentral's own legs keep their type). */
export function rcLegKind(role: LegRole, direction: CallDirection | null): { readonly legType: string; readonly action: string } {
  switch (role) {
    case LegRole.CALLER:
      if (direction === CallDirection.INBOUND) return { legType: 'PstnToSip', action: 'Phone Call' };
      if (direction === CallDirection.INTERNAL) return { legType: 'ExtensionToExtension', action: 'VoIP Call' };
      return { legType: 'SipToPstnMetered', action: 'VoIP Call' };
    case LegRole.CALLEE:
      return { legType: 'Accept', action: 'Accept Call' };
    case LegRole.FORWARD:
      return { legType: 'FindMe', action: 'FindMe' };
    case LegRole.TRANSFER:
      return { legType: 'TransferCall', action: 'Transfer' };
    case LegRole.QUEUE:
      return { legType: 'Hunting', action: 'Hunting' };
    case LegRole.IVR:
      return { legType: 'IvaCall', action: 'Phone Call' };
    default:
      return { legType: 'Unknown', action: 'Unknown' };
  }
}

/** RingCentral's result words (spec CallResultEnum): a RingCentral session keeps its own. */
export const RC_RESULT_WORDS: ReadonlySet<string> = new Set([
  '911', '933', 'Abandoned', 'Accepted', 'Answered Not Accepted', 'Blocked', 'Busy', 'Call Failed', 'Call Failure', 'Call connected',
  'Carrier is not active', 'Declined', 'EDGE trunk misconfigured', 'Fax Not Sent', 'Fax Partially Sent', 'Fax Poor Line', 'Fax Receipt Error',
  'Fax on Demand', 'Hang Up', 'IP Phone Offline', 'In Progress', 'Internal Error', 'International Disabled', 'International Restricted', 'Missed',
  'No Answer', 'No Calling Credit', 'Not Allowed', 'Partial Receive', 'Phone Login', 'Receive Error', 'Received', 'Rejected', 'Reply',
  'Restricted Number', 'Send Error', 'Sent', 'Sent to Voicemail', 'Stopped', 'Suspended account', 'Unknown', 'Voicemail', 'Wrong Number',
  'Answered Elsewhere', 'Callback requested',
]);

/** RingCentral's leg types (spec CallLegTypeEnum): a RingCentral leg keeps its own. */
export const RC_LEG_TYPES: ReadonlySet<string> = new Set([
  'SipForwarding', 'ServiceMinus2', 'ServiceMinus3', 'PstnToSip', 'Accept', 'FindMe', 'FollowMe', 'TestCall', 'FaxSent', 'CallBack', 'CallingCard',
  'RingDirectly', 'RingOutWebToSubscriber', 'RingOutWebToCaller', 'SipToPstnMetered', 'RingOutClientToSubscriber', 'RingOutClientToCaller', 'RingMe',
  'TransferCall', 'SipToPstnUnmetered', 'RingOutDeviceToSubscriber', 'RingOutDeviceToCaller', 'RingOutOneLegToCaller', 'ExtensionToExtension',
  'CallPark', 'PagingServer', 'Hunting', 'OutgoingFreeSpDl', 'ParkLocation', 'CallMeCallOut', 'ConferenceCall', 'MobileApp', 'MoveToConference',
  'Unknown', 'MeetingsCall', 'SilentMonitoring', 'Monitoring', 'Pickup', 'ImsCall', 'JoinCall', 'TextRelay', 'IvaCall', 'VoiceChat',
]);
