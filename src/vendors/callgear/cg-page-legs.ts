import { CallSession } from '../../domain/call-session';
import { SortOrder } from '../../domain/ordering';
import { wallToInstants } from '../../lib/zoned-time';
import { CgPosition } from './cg-windows';
import { CgLegRow } from './types';

/**
 * The legs of a report chunk, read beside its sessions instead of after them (vendors.md §2.9:
 * get.call_legs_report takes the same date_from/date_till), so a page with legs costs one round trip and its
 * legs are kept with the page, shared like it, rather than read again for every GraphQL page.
 *
 * The legs report filters and sorts on each leg's own start_time, and a call's legs start at or after the
 * call and before it ends. So the range asked is the chunk, an hour wider at both ends (a repeated wall
 * hour, legs that outlast the chunk), sorted the same way as the sessions, at most `limit` rows. A session's
 * legs are all there when the session ends inside the range and, if the answer was cut at `limit`, lies
 * wholly on the read side of the last leg returned (with an hour's margin for wall times that repeat).
 * Sessions not covered keep no detail: the detail loader reads theirs, as before.
 */
export const LEG_RANGE_MARGIN_MS = 3600_000;

export interface ChunkLegs {
  /** The range the report was asked for (epoch ms, inclusive). */
  readonly from: number;
  readonly to: number;
  readonly order: SortOrder;
  readonly rows: readonly CgLegRow[];
  /** True when the answer was cut at the limit (more legs lie beyond the last row). */
  readonly cut: boolean;
}

/** The range of legs to read beside a chunk's sessions. */
export function legRangeOf(position: CgPosition): { from: number; to: number } {
  return { from: position.from - LEG_RANGE_MARGIN_MS, to: position.to + LEG_RANGE_MARGIN_MS };
}

/** The rows of each covered session, by session id; a session that is not covered has no entry. */
export function coveredLegs(sessions: readonly CallSession[], legs: ChunkLegs, zone: string): Map<string, CgLegRow[]> {
  const byId = new Map<string, CgLegRow[]>();
  for (const row of legs.rows) {
    const id = String(row?.call_session_id);
    const list = byId.get(id);
    if (list) list.push(row);
    else byId.set(id, [row]);
  }
  const edge = legs.cut ? cutEdge(legs, zone) : null;
  const out = new Map<string, CgLegRow[]>();
  for (const session of sessions) {
    const start = session.startTime.getTime();
    const end = (session.endTime ?? session.startTime).getTime();
    if (start < legs.from || end > legs.to) continue;
    if (edge !== null && (legs.order === SortOrder.START_TIME_DESC ? start <= edge + LEG_RANGE_MARGIN_MS : end >= edge - LEG_RANGE_MARGIN_MS)) continue;
    out.set(session.nativeId, byId.get(session.nativeId) ?? []);
  }
  return out;
}

/** The instant of the last leg returned, read the cautious way (its latest reading when descending, its earliest when ascending). */
function cutEdge(legs: ChunkLegs, zone: string): number {
  const last = legs.rows[legs.rows.length - 1];
  const instants = typeof last?.start_time === 'string' ? wallToInstants(last.start_time, zone) : [];
  // A last row without a readable time leaves nothing known to be covered.
  if (instants.length === 0) return legs.order === SortOrder.START_TIME_DESC ? Infinity : -Infinity;
  return legs.order === SortOrder.START_TIME_DESC ? Math.max(...instants) : Math.min(...instants);
}
