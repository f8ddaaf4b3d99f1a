import { SortOrder } from '../domain/ordering';
import { TouchedSession, VendorAdapter } from '../vendors/adapter';
import { AccountPosition } from './change-checkpoint';
import { AccountOutcome, ChangeKind, SessionChange, Step } from './change-types';
import { sessionGlobalId } from './global-id';
import { WalkDeps, walkFrom } from './window-walk-step';

// The change feed's step for an account whose vendor keeps its own change feed (RingCentral's Call Log Sync):
// ask what changed since the token, then read the sessions it names again, by the windows they started in.

/** Time windows of sessions a vendor's change feed named that one page reads again, per account (each up to the scan bound). */
export const TOUCHED_WINDOWS_PER_PAGE = 2;
/** The longest such window: named sessions further apart are read in windows of their own. */
const TOUCHED_WINDOW_MS = 3600_000;
const MAX_ROWS_PER_TOUCHED_WINDOW = 10_000;
/** Read around the named start times: a call's other records (a transfer's, a callee's) may start a little apart. */
const TOUCHED_MARGIN_MS = 5 * 60_000;

/**
 * An account with a vendor change feed: the sessions it named last time and could not read yet, or the
 * changes since its token. A refused token starts the account over: a new token, then a walk from `since`.
 */
export async function followVendorFeed(walks: WalkDeps, adapter: VendorAdapter, position: AccountPosition, first: number, step: Step): Promise<AccountOutcome> {
  const feed = adapter.changeFeed!;
  let next = position;
  if (next.pending.length === 0) {
    const changes = await feed.changesSince(next.token!, step.caller);
    if (changes === null) {
      const start = await feed.start(new Date(step.since), step.caller);
      // Changes since the old token are lost, deletions among them: the account is read again in full, and
      // when that ends, what was not delivered again is gone (resynced).
      return { changes: [], position: { ...next, token: start.token, syncedAt: step.now, pending: [], walk: walkFrom(walks, step.since, start.at), mark: null, resyncFrom: step.clock } };
    }
    next = { ...next, token: changes.token, syncedAt: step.now, pending: changes.touched };
  }
  // The named sessions read again as they are now, by the time windows they started in (new calls cluster
  // near now: one list read for many; a session folds all its records): still there (an upsert) or gone (a delete).
  const windows = touchedWindows(next.pending, TOUCHED_WINDOWS_PER_PAGE, first);
  const scans = await Promise.all(
    windows.map((w) =>
      walks.history.scanAccount(adapter, { window: { from: w.from - TOUCHED_MARGIN_MS, to: w.to + TOUCHED_MARGIN_MS }, order: SortOrder.START_TIME_ASC, after: null, limit: MAX_ROWS_PER_TOUCHED_WINDOW, filter: {}, resume: null, withDetail: step.withDetail, fresh: true }, step.caller),
    ),
  );
  const changes: SessionChange[] = [];
  const resolved = new Set<string>();
  windows.forEach((w, i) => {
    const scan = scans[i]!;
    const found = new Map(scan.rows.map((row) => [row.session.nativeId, row.session]));
    // A scan cut short examined its window up to the frontier: a named session past it is asked again next page.
    const examinedTo = scan.exhausted ? Infinity : (scan.frontier?.startTime ?? -Infinity);
    for (const touched of w.sessions) {
      const session = found.get(touched.nativeId);
      if (!session && touched.startTime >= examinedTo) continue;
      const id = sessionGlobalId(adapter, touched.nativeId);
      changes.push(session ? { kind: ChangeKind.UPSERT, id, version: step.clock, session } : { kind: ChangeKind.DELETE, id, version: step.clock, session: null });
      resolved.add(touched.nativeId);
    }
  });
  return { changes, position: { ...next, pending: next.pending.filter((t) => !resolved.has(t.nativeId)) } };
}

/** The first `max` windows, oldest first, that hold the first `maxSessions` named sessions: each at most an hour long. */
export function touchedWindows(touched: readonly TouchedSession[], max: number, maxSessions: number): Array<{ from: number; to: number; sessions: TouchedSession[] }> {
  const windows: Array<{ from: number; to: number; sessions: TouchedSession[] }> = [];
  for (const session of [...touched].sort((a, b) => a.startTime - b.startTime).slice(0, maxSessions)) {
    const last = windows[windows.length - 1];
    if (last && session.startTime - last.from <= TOUCHED_WINDOW_MS) {
      last.to = session.startTime;
      last.sessions.push(session);
    } else {
      if (windows.length === max) break;
      windows.push({ from: session.startTime, to: session.startTime, sessions: [session] });
    }
  }
  return windows;
}

