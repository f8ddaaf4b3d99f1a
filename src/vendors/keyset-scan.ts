import { matchesRowFilter } from '../domain/call-filter';
import { CallSession } from '../domain/call-session';
import { SortKey, SortOrder, compareKeys, compareTimes, isAfter, sortKeyOf } from '../domain/ordering';
import { randomUUID } from 'node:crypto';
import { ListSessionsRequest, ListSessionsResult, ListedSession, ResumePosition, TimeWindow } from './adapter';

/** One page as a vendor returns it: rows sorted by startTime in the asked order, ties in any order. */
export interface VendorPage<P> {
  readonly rows: readonly CallSession[];
  /** The position of the next page, or null when this was the last. */
  readonly next: P | null;
  /** Which scan read this page from the vendor (a page kept in a cache keeps the id of the scan that read it). */
  readonly readBy?: string;
  /** Continue at `next` even when the paging is anchored (a page read whole that a smaller window would read again). */
  readonly byPosition?: boolean;
  /** `next` begins a time range of its own (a new report window), not this page's numbering: no seam to check. */
  readonly nextByTime?: boolean;
}

/** How an adapter reads its vendor's paging: the first position of a window, and one page at a position. */
export interface VendorPaging<P> {
  first(window: TimeWindow): P;
  /** One page; `readBy` names the scan asking, `fresh` asks the vendor even if the page is kept. */
  fetch(window: TimeWindow, order: SortOrder, position: P, signal: AbortSignal, readBy: string, fresh: boolean): Promise<VendorPage<P>>;
  /**
   * True when the first page of any window costs one request in the walk's order (the vendor sorts both
   * ways itself). The scan then continues after each page from the instant it stopped at, in a fresh
   * window, rather than at the next page number or offset: a page read earlier (and kept in a cache) never
   * meets a page read later whose numbering shifted because calls arrived or were deleted in between.
   */
  readonly anchored?: boolean;
}

/** How often one scan starts over at a seam between pages read at different times. */
const MAX_RESTARTS = 3;

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
  const hint = usableHint(request.resume, request.window, remaining, after, order);
  if (hint) {
    window = { from: new Date(hint.w[0]), to: new Date(hint.w[1]) };
    position = hint.p as P;
    verifyStart = JSON.stringify(position) !== JSON.stringify(paging.first(window));
  }

  const out: Scanned[] = [];
  let group: Scanned[] = [];
  // Where a walk must restart to re-read the open group whole: the page holding the previous group's last row.
  let groupRestart: ResumePosition = here(window, position);
  // The same for the previous group. A row's resume position is this one: that page begins strictly before
  // the previous group's instant, so it passes the hint check of the next scan whichever row ends the page.
  let priorRestart: ResumePosition = groupRestart;
  // The page the previous row was read from: a group that closes at the top of a page ended on the page before.
  let previousRowPage: ResumePosition = groupRestart;
  let lastClosed: SortKey | null = null;
  let pagesRead = 0;
  let stop: 'limit' | 'end' | 'bound' | null = null;
  const scanId = randomUUID();
  // Who read the previous page (null at the first page of a window), restarts so far, and whether to
  // bypass kept pages (after a restart).
  let previousReadBy: string | null = null;
  let restarts = 0;
  let fresh = false;

  /** Continues with the first page of `next` (the remaining window, or a part of it), forgetting the open group. */
  const startWindow = (next: TimeWindow): void => {
    window = next;
    position = paging.first(window);
    groupRestart = priorRestart = previousRowPage = here(window, position);
    group = [];
    previousReadBy = null;
  };

  const closeGroup = (): void => {
    group.sort((x, y) => compareKeys(x.key, y.key, order));
    for (const row of group) {
      if (isAfter(row.key, after, order) && matchesRowFilter(row.session, request.filter)) out.push(row);
    }
    if (group.length > 0) lastClosed = group[group.length - 1]!.key;
    group = [];
  };

  while (stop === null) {
    const page = await paging.fetch(window, order, position, signal, scanId, fresh);
    pagesRead += 1;
    const pagePosition = here(window, position);
    if (verifyStart) {
      verifyStart = false;
      // A hinted page is safe only when it begins strictly before the cursor's instant (walk order):
      // then no row after the cursor can sit on an earlier page, even if the vendor's data shifted.
      const firstRow = page.rows[0];
      if (!firstRow || !after || compareTimes(firstRow.startTime.getTime(), after.t, order) >= 0) {
        startWindow(remaining);
        continue;
      }
    }
    const readBy = page.readBy ?? scanId;
    if (previousReadBy !== null && readBy !== previousReadBy && restarts < MAX_RESTARTS) {
      // Two neighbouring pages of one numbering read at different times (one of them kept): calls that
      // arrived, were deleted or came back in another tie order in between may have shifted the seam by a
      // row. Start over from the cursor, reading the vendor afresh, rather than trust it.
      restarts += 1;
      fresh = true;
      out.length = 0;
      lastClosed = null;
      startWindow(remaining);
      continue;
    }
    previousReadBy = page.nextByTime ? null : readBy;
    for (const session of page.rows) {
      const key = sortKeyOf(session);
      // A row met twice (pages shifted by a call that arrived in between) is kept once.
      if (group.some((row) => compareKeys(row.key, key, order) === 0)) continue;
      if (group.length > 0 && group[0]!.key.t !== key.t) {
        closeGroup();
        priorRestart = groupRestart;
        groupRestart = previousRowPage;
        if (out.length > limit) break;
      }
      group.push({ session, key, position: priorRestart });
      previousRowPage = pagePosition;
    }
    if (out.length > limit) stop = 'limit';
    else if (page.next === null) {
      closeGroup();
      stop = 'end';
    } else {
      const openSince = group[0]?.key.t;
      const firstOfPage = page.rows[0] ? sortKeyOf(page.rows[0]).t : undefined;
      // Only when the open instant began on this page after its first row: the new window is then strictly smaller.
      if (paging.anchored && !page.byPosition && openSince !== undefined && firstOfPage !== undefined && openSince !== firstOfPage) {
        // Continue from the open instant in a fresh window: it is read again whole from there.
        startWindow(order === SortOrder.START_TIME_DESC ? { from: window.from, to: new Date(openSince) } : { from: new Date(openSince), to: window.to });
      } else {
        // No instant to continue from (the page is all one instant, or the vendor cannot sort this way): next page.
        position = page.next;
      }
      if (out.length >= limit) stop = 'limit';
      // The bound is checked only once a whole instant past the cursor is closed: an instant cut in two
      // cannot be ordered, and a scan that stops before passing the cursor would never make progress.
      else if (pagesRead >= request.maxVendorPages && lastClosed !== null && isAfter(lastClosed, after, order)) stop = 'bound';
    }
  }

  const exhausted = stop === 'end' && out.length <= limit;
  let tail: ResumePosition | null = null;
  if (out.length > limit) tail = out[limit]!.position;
  else if (!exhausted) tail = group.length > 0 ? group[0]!.position : priorRestart;
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

/**
 * A resume hint is usable when its window lies inside the request window and reaches the far end of what
 * remains. Its near end may stop short of the cursor: a scan that continued from an instant made the hint,
 * and every row of the account between that instant and the cursor was read and returned before it.
 */
function usableHint(hint: ResumePosition | null, full: TimeWindow, remaining: TimeWindow, after: SortKey | null, order: SortOrder): ResumePosition | null {
  if (!hint || !after || !Array.isArray(hint.w) || hint.w.length !== 2) return null;
  const [from, to] = hint.w;
  if (typeof from !== 'number' || typeof to !== 'number' || from > to) return null;
  const inside = from >= full.from.getTime() && to <= full.to.getTime();
  const reachesFarEnd = order === SortOrder.START_TIME_DESC ? from <= remaining.from.getTime() : to >= remaining.to.getTime();
  return inside && reachesFarEnd ? hint : null;
}
