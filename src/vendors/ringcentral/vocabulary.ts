import { CallResult, LegRole } from '../../domain/enums';

/**
 * RingCentral's `result` values (vendors.md §1.4, RCX CallLogRecord) and what they mean. Unknown future values
 * map to UNKNOWN with the raw value kept in vendorResult. The table is docs/vendors/ringcentral.md.
 */
export const RC_RESULTS: Readonly<Record<string, CallResult>> = {
  Accepted: CallResult.ANSWERED,
  'Call connected': CallResult.ANSWERED,
  'Answered Elsewhere': CallResult.ANSWERED,
  'Answered Not Accepted': CallResult.ANSWERED,
  Received: CallResult.ANSWERED,
  Sent: CallResult.ANSWERED,
  Reply: CallResult.ANSWERED,
  'Partial Receive': CallResult.ANSWERED,
  'Fax on Demand': CallResult.ANSWERED,
  Missed: CallResult.MISSED,
  'No Answer': CallResult.MISSED,
  'Callback requested': CallResult.MISSED,
  Voicemail: CallResult.VOICEMAIL,
  'Sent to Voicemail': CallResult.VOICEMAIL,
  Busy: CallResult.BUSY,
  Rejected: CallResult.REJECTED,
  Declined: CallResult.REJECTED,
  Blocked: CallResult.REJECTED,
  'Not Allowed': CallResult.REJECTED,
  'Restricted Number': CallResult.REJECTED,
  Abandoned: CallResult.ABANDONED,
  'Hang Up': CallResult.ABANDONED,
  Stopped: CallResult.ABANDONED,
  'In Progress': CallResult.IN_PROGRESS,
  'Call Failed': CallResult.FAILED,
  'Call Failure': CallResult.FAILED,
  'Internal Error': CallResult.FAILED,
  'IP Phone Offline': CallResult.FAILED,
  'No Calling Credit': CallResult.FAILED,
  'Wrong Number': CallResult.FAILED,
  'Carrier is not active': CallResult.FAILED,
  'EDGE trunk misconfigured': CallResult.FAILED,
  'International Disabled': CallResult.FAILED,
  'International Restricted': CallResult.FAILED,
  'Suspended account': CallResult.FAILED,
  'Fax Not Sent': CallResult.FAILED,
  'Fax Partially Sent': CallResult.FAILED,
  'Fax Poor Line': CallResult.FAILED,
  'Fax Receipt Error': CallResult.FAILED,
  'Receive Error': CallResult.FAILED,
  'Send Error': CallResult.FAILED,
  // Emergency calls, log-ins and unknowns say nothing about whether anyone answered.
  '911': CallResult.UNKNOWN,
  '933': CallResult.UNKNOWN,
  'Phone Login': CallResult.UNKNOWN,
  Unknown: CallResult.UNKNOWN,
};

/** Leg types whose role is fixed (vendors.md §1.4). Every other leg type is "generic", see legRole(). */
export const RC_LEG_ROLES: Readonly<Record<string, LegRole>> = {
  RingOutClientToCaller: LegRole.CALLER,
  RingOutWebToCaller: LegRole.CALLER,
  RingOutDeviceToCaller: LegRole.CALLER,
  RingOutOneLegToCaller: LegRole.CALLER,
  RingOutClientToSubscriber: LegRole.CALLEE,
  RingOutWebToSubscriber: LegRole.CALLEE,
  RingOutDeviceToSubscriber: LegRole.CALLEE,
  FindMe: LegRole.FORWARD,
  FollowMe: LegRole.FORWARD,
  SipForwarding: LegRole.FORWARD,
  RingMe: LegRole.FORWARD,
  CallMeCallOut: LegRole.FORWARD,
  TransferCall: LegRole.TRANSFER,
  Hunting: LegRole.QUEUE,
  IvaCall: LegRole.IVR,
  ServiceMinus2: LegRole.OTHER,
  ServiceMinus3: LegRole.OTHER,
  TestCall: LegRole.OTHER,
  FaxSent: LegRole.OTHER,
  CallingCard: LegRole.OTHER,
  CallPark: LegRole.OTHER,
  ParkLocation: LegRole.OTHER,
  PagingServer: LegRole.OTHER,
  ConferenceCall: LegRole.OTHER,
  MoveToConference: LegRole.OTHER,
  MeetingsCall: LegRole.OTHER,
  SilentMonitoring: LegRole.OTHER,
  Monitoring: LegRole.OTHER,
  JoinCall: LegRole.OTHER,
  TextRelay: LegRole.OTHER,
  VoiceChat: LegRole.OTHER,
  Unknown: LegRole.OTHER,
};

/**
 * Leg types seen from the callee, so their from and to are reversed relative to the call (seed 001:
 * "they are reversed for the RingOutClientToSubscriber leg"). The mapper swaps them back.
 */
export const RC_REVERSED_LEG_TYPES: ReadonlySet<string> = new Set(['RingOutClientToSubscriber', 'RingOutWebToSubscriber', 'RingOutDeviceToSubscriber']);

/**
 * Role of a generic leg (Accept, PstnToSip, SipToPstn*, ExtensionToExtension, RingDirectly, MobileApp, ...):
 * a leg that reaches an extension reached the callee; an inbound leg with no extension is the caller's own
 * leg into RingCentral (seed 000's first Accept leg); any other is the leg out to the callee.
 */
export function legRole(legType: string, reachesExtension: boolean, inbound: boolean): LegRole {
  const fixed = RC_LEG_ROLES[legType];
  if (fixed) return fixed;
  if (reachesExtension) return LegRole.CALLEE;
  return inbound ? LegRole.CALLER : LegRole.CALLEE;
}
