import { CallSession } from './call-session';
import { CallDirection, CallResult } from './enums';

/**
 * The row-level part of a call-session filter, in native terms for one account.
 * (Window, providers and accounts are applied before any row is fetched.)
 */
export interface RowFilter {
  readonly directions?: readonly CallDirection[];
  readonly results?: readonly CallResult[];
  /** E.164; matches either party. */
  readonly phoneNumber?: string;
  /** Native extension ids of this account; matches the owning extension or either party's. */
  readonly extensionIds?: readonly string[];
  readonly hasRecording?: boolean;
  /** Seconds. */
  readonly minDuration?: number;
}

/** Whether a session passes the filter. hasRecording needs the session's detail or its hasRecording flag. */
export function matchesRowFilter(session: CallSession, filter: RowFilter): boolean {
  if (filter.directions && !filter.directions.includes(session.direction)) return false;
  if (filter.results && !filter.results.includes(session.result)) return false;
  if (filter.phoneNumber !== undefined && session.from.phoneNumber !== filter.phoneNumber && session.to.phoneNumber !== filter.phoneNumber) {
    return false;
  }
  if (filter.extensionIds) {
    const ids = [session.extensionId, session.from.extensionId, session.to.extensionId];
    if (!ids.some((id) => id !== null && filter.extensionIds!.includes(id))) return false;
  }
  if (filter.minDuration !== undefined && (session.duration ?? 0) < filter.minDuration) return false;
  if (filter.hasRecording !== undefined && sessionHasRecording(session) !== filter.hasRecording) return false;
  return true;
}

export function sessionHasRecording(session: CallSession): boolean {
  if (session.hasRecording !== null) return session.hasRecording;
  if (!session.detail) return false;
  return session.detail.recordings.length > 0 || session.detail.legs.some((leg) => leg.recording !== null);
}
