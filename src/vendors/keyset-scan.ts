import { matchesRowFilter } from '../domain/call-filter';
import { CallSession } from '../domain/call-session';
import { SortKey, SortOrder, compareKeys, compareTimes, isAfter, sortKeyOf } from '../domain/ordering';
import { ListSessionsRequest, ListSessionsResult, ListedSession, ResumePosition, TimeWindow } from './adapter';

/** One page as a vendor returns it: rows sorted by startTime in the asked order, ties in any order. */
export interface VendorPage<P> {
  readonly rows: readonly CallSession[];
  /** The position of the next page, or null when this was the last. */
  readonly next: P | null;
}

/** How an adapter reads its vendor's paging: the first position of a window, and one page at a position. */
export interface VendorPaging<P> {
  first(window: TimeWindow): P;
  fetch(window: TimeWindow, order: SortOrder, position: P, signal: AbortSignal): Promise<VendorPage<P>>;
}

interface Scanned {
  readonly session: CallSession;
  readonly key: SortKey;
  readonly position: ResumePosition;
}

/**
 * Turns a vendor's time-ordered paging into rows in the exact total order, strictly after a key.
 *
 * Vendors order by startTime only and their timestamps are whole seconds, so rows sharing an instant
 * come in any order and may straddle vendor pages. The scan therefore collects each instant's rows
 * (a "group") completely, sorts them by the full key, and only then emits them: no row of an instant
 * is lost or repeated across pages, however many rows share it.
 */
export async function keysetScan<P>(request: ListSessionsRequest, paging: VendorPaging<P>): Promise<ListSessionsResult> {
  const { order, after, limit, signal } = request;
  const remaining = remainingWindow(request);
  if (remaining === null) return { rows: [], exhausted: true, frontier: null, tail: null };

  let window = remaining;
  let position = paging.first(window);
  let verifyStart = false;
  const hint = usableHint(request.resume, request.window, remaining, after);
  if (hint) {
    window = { from: new Date(hint.w[0]), to: new Date(hint.w[1]) };
    position = hint.p as P;
    verifyStart = JSON.stringify(position) !== JSON.stringify(paging.first(window));
  }

  const out: Scanned[] = [];
  let group: Scanned[] = [];
  // Where a walk must restart to re-read the open group whole: the page holding the previous group's last row.
  let groupRestart: ResumePosition = here(window, position);
  let lastClosed: SortKey | null = null;
  let pagesRead = 0;
  let stop: 'limit' | 'end' | 'bound' | null = null;

  const closeGroup = (): void => {
    group.sort((x, y) => compareKeys(x.key, y.key, order));
    for (const row of group) {
      if (isAfter(row.key, after, order) && matchesRowFilter(row.session, request.filter)) out.push(row);
    }
    if (group.length > 0) lastClosed = group[group.length - 1]!.key;
    group = [];
  };

  while (stop === null) {
    const page = await paging.fetch(window, order, position, signal);
    pagesRead += 1;
    const pagePosition = here(window, position);
    if (verifyStart) {
      verifyStart = false;
      // A hinted page is safe only when it begins strictly before the cursor's instant (walk order):
      // then no row after the cursor can sit on an earlier page, even if the vendor's data shifted.
      const firstRow = page.rows[0];
      if (!firstRow || !after || compareTimes(firstRow.startTime.getTime(), after.t, order) >= 0) {
        window = remaining;
        position = paging.first(window);
        groupRestart = here(window, position);
        continue;
      }
    }
    let previousRowPage = pagePosition;
    for (const session of page.rows) {
      const key = sortKeyOf(session);
      if (group.length > 0 && group[0]!.key.t !== key.t) {
        closeGroup();
        groupRestart = previousRowPage;
        if (out.length > limit) break;
      }
      group.push({ session, key, position: groupRestart });
      previousRowPage = pagePosition;
    }
    if (out.length > limit) stop = 'limit';
    else if (page.next === null) {
      closeGroup();
      stop = 'end';
    } else {
      position = page.next;
      if (out.length >= limit) stop = 'limit';
      // The bound is checked only once a whole instant past the cursor is closed: an instant cut in two
      // cannot be ordered, and a scan that stops before passing the cursor would never make progress.
      else if (pagesRead >= request.maxVendorPages && lastClosed !== null && isAfter(lastClosed, after, order)) stop = 'bound';
    }
  }

  const exhausted = stop === 'end' && out.length <= limit;
  let tail: ResumePosition | null = null;
  if (out.length > limit) tail = out[limit]!.position;
  else if (!exhausted) tail = group.length > 0 ? group[0]!.position : groupRestart;
  if (out.length > limit) out.length = limit;
  return {
    rows: out.map((row): ListedSession => ({ session: row.session, position: row.position })),
    exhausted,
    frontier: stop === 'bound' && out.length < limit ? lastClosed : null,
    tail: exhausted ? null : tail,
  };
}

function here(window: TimeWindow, position: unknown): ResumePosition {
  return { w: [window.from.getTime(), window.to.getTime()], p: position };
}

/** The part of the request window that can still hold rows after the cursor key. */
function remainingWindow(request: ListSessionsRequest): TimeWindow | null {
  const { window, after, order } = request;
  let from = window.from.getTime();
  let to = window.to.getTime();
  if (after) {
    if (order === SortOrder.START_TIME_DESC) to = Math.min(to, after.t);
    else from = Math.max(from, after.t);
  }
  return from <= to ? { from: new Date(from), to: new Date(to) } : null;
}

/** A resume hint is usable when its window lies inside the request window and covers what remains. */
function usableHint(hint: ResumePosition | null, full: TimeWindow, remaining: TimeWindow, after: SortKey | null): ResumePosition | null {
  if (!hint || !after || !Array.isArray(hint.w) || hint.w.length !== 2) return null;
  const [from, to] = hint.w;
  if (typeof from !== 'number' || typeof to !== 'number') return null;
  const inside = from >= full.from.getTime() && to <= full.to.getTime();
  const covers = from <= remaining.from.getTime() && to >= remaining.to.getTime();
  return inside && covers ? hint : null;
}
