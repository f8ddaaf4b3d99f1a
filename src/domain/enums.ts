/** Direction of a call as seen from the company. */
export enum CallDirection {
  INBOUND = 'INBOUND',
  OUTBOUND = 'OUTBOUND',
  INTERNAL = 'INTERNAL',
}

/** Normalized outcome of a call or of one leg. */
export enum CallResult {
  ANSWERED = 'ANSWERED',
  MISSED = 'MISSED',
  VOICEMAIL = 'VOICEMAIL',
  BUSY = 'BUSY',
  REJECTED = 'REJECTED',
  FAILED = 'FAILED',
  ABANDONED = 'ABANDONED',
  IN_PROGRESS = 'IN_PROGRESS',
  UNKNOWN = 'UNKNOWN',
}

/** Who ended the call. */
export enum EndedBy {
  CALLER = 'CALLER',
  CALLEE = 'CALLEE',
  SYSTEM = 'SYSTEM',
  UNKNOWN = 'UNKNOWN',
}

/** What part a leg plays in the call flow. */
export enum LegRole {
  CALLER = 'CALLER',
  CALLEE = 'CALLEE',
  FORWARD = 'FORWARD',
  TRANSFER = 'TRANSFER',
  QUEUE = 'QUEUE',
  IVR = 'IVR',
  VOICEMAIL = 'VOICEMAIL',
  OTHER = 'OTHER',
}
