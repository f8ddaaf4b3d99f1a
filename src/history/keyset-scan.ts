import { RowFilter, matchesRowFilter } from '../domain/call-filter';
import { AccountRef, CallSession } from '../domain/call-session';
import { UpstreamUnavailableError } from '../domain/errors';
import { SortKey, SortOrder, compareTimes, isAfter, sortKeyOf } from '../domain/ordering';
import { Caller } from '../upstream/caller';
import { FoldRows, StalePositionError, TimeWindow, VendorPage } from '../vendors/paging-strategy';
import { PROVIDERS } from '../vendors/registry';
import { InstantGroup, ScannedRow } from './instant-group';
import { ResumePosition } from './resume-position';

/** What one account is asked for one GraphQL page. */
export interface ScanRequest {
  readonly account: AccountRef;
  /** Rows with startTime inside this window, already capped at the walk's asOf. */
  readonly window: TimeWindow;
  readonly order: SortOrder;
  /** Only rows strictly after this key in the walk order (null: from the start). */
  readonly after: SortKey | null;
  /** At most this many rows. */
  readonly limit: number;
  /** Only rows that pass it (what the vendor did not filter itself is checked here). */
  readonly filter: RowFilter;
  /** Where the previous page of this walk stopped in this account, if known. */
  readonly resume: ResumePosition | null;
  /** How many vendor pages the scan may read before it stops short (see ScanResult.frontier). */
  readonly maxVendorPages: number;
  readonly caller: Caller;
}

export interface ScannedSession {
  readonly session: CallSession;
  /** Where a later page can resume to read this row again. */
  readonly resume: ResumePosition;
}

export interface ScanResult {
  /** Matching rows strictly after `after`, in the walk order, at most `limit`. */
  readonly rows: readonly ScannedSession[];
  /** True when no row after the last returned one exists in the window. */
  readonly exhausted: boolean;
  /**
   * Set when the scan bound stopped the scan before `limit` rows: every row up to this key (in walk order)
   * was examined, nothing after it was. The merge must not emit rows past it.
   */
  readonly frontier: SortKey | null;
  /** Where to resume after the last returned row (null when exhausted). */
  readonly tail: ResumePosition | null;
}

/** A vendor's pages as the scan reads them: through the page cache, saying which scan read each from the vendor. */
export interface PageSource<P> {
  readonly resumesFromInstant: boolean;
  /** How rows under one key combine (see FoldRows). */
  readonly fold?: FoldRows;
  first(window: TimeWindow): P;
  /** One page, and the id of the scan that read it from the vendor; `fresh` skips kept pages. */
  read(window: TimeWindow, position: P, fresh: boolean): Promise<{ page: VendorPage<P>; readBy: string }>;
}

/** How often one scan starts over (at a seam between pages read at different times, or a stale position). */
const MAX_RESTARTS = 3;

/**
 * Turns a vendor's time-ordered paging into rows in the exact total order, strictly after a key.
 * Each instant's rows are collected whole (an InstantGroup), sorted by the full key and only then emitted,
 * so no row of an instant is lost or repeated across pages, however many rows share it.
 */
export function keysetScan<P>(request: ScanRequest, source: PageSource<P>): Promise<ScanResult> {
  return new KeysetScan(request, source).run();
}

class KeysetScan<P> {
  private readonly remaining: TimeWindow | null;
  private window: TimeWindow;
  private position: P;
  /** Rows emitted so far, in walk order. */
  private readonly emitted: ScannedRow[] = [];
  private readonly group = new InstantGroup();
  /** Where a walk must restart to read the open group whole: the page holding the previous group's last row. */
  private openGroupResume: ResumePosition;
  /**
   * The same for the previous group; rows are tagged with it. That page begins strictly before the previous
   * group's instant, so it passes the next scan's hint check whichever row ends the page.
   */
  private closedGroupResume: ResumePosition;
  /** The page the previous row was read from: a group that closes at the top of a page ended on the page before. */
  private previousRowPage: ResumePosition;
  private lastClosed: SortKey | null = null;
  private pagesRead = 0;
  /** Who read the previous page from the vendor (null at the first page of a window or after a new range). */
  private previousReadBy: string | null = null;
  private restarts = 0;
  /** Skip kept pages (after a restart). */
  private fresh = false;

  constructor(
    private readonly request: ScanRequest,
    private readonly source: PageSource<P>,
  ) {
    this.remaining = remainingWindow(request);
    this.window = this.remaining ?? request.window;
    this.position = source.first(this.window);
    this.openGroupResume = this.closedGroupResume = this.previousRowPage = here(this.window, this.position);
  }

  async run(): Promise<ScanResult> {
    if (this.remaining === null) return { rows: [], exhausted: true, frontier: null, tail: null };
    const { order, after, limit } = this.request;
    let verifyStart = this.startFromHint();
    let stop: 'limit' | 'end' | 'bound' | null = null;
    while (stop === null) {
      const read = await this.readPage();
      if (read === null) continue;
      const { page, readBy } = read;
      this.pagesRead += 1;
      const pagePosition = here(this.window, this.position);
      if (verifyStart) {
        verifyStart = false;
        // A hinted page is safe only when it begins strictly before the cursor's instant (walk order): then
        // no row after the cursor can sit on an earlier page, even if the vendor's data shifted.
        const firstRow = page.rows[0];
        if (!firstRow || !after || compareTimes(firstRow.startTime.getTime(), after.startTime, order) >= 0) {
          this.startWindow(this.remaining);
          continue;
        }
      }
      if (this.previousReadBy !== null && readBy !== this.previousReadBy && this.restarts < MAX_RESTARTS) {
        // Two neighbouring pages of one numbering read at different times (one of them kept): calls that
        // arrived, were deleted or came back in another tie order in between may have shifted the seam by a
        // row. Start over from the cursor, reading the vendor afresh, rather than trust it.
        this.restartFromCursor();
        continue;
      }
      this.previousReadBy = (page.continues ?? 'seam') === 'seam' ? readBy : null;
      this.take(page.rows, pagePosition);
      if (this.emitted.length > limit) stop = 'limit';
      else if (page.next === null) {
        this.closeGroup();
        stop = 'end';
      } else {
        this.advance(page);
        if (this.emitted.length >= limit) stop = 'limit';
        // The bound is checked only once a whole instant past the cursor is closed: an instant cut in two
        // cannot be ordered, and a scan that stops before passing the cursor would never make progress.
        else if (this.pagesRead >= this.request.maxVendorPages && this.lastClosed !== null && isAfter(this.lastClosed, after, order)) stop = 'bound';
        // A run of empty time ranges counts too: with no instant open, every row through the range's end was read.
        else if (this.pagesRead >= this.request.maxVendorPages && this.group.isEmpty() && page.reached !== undefined && (page.continues === 'range' || page.continues === 'whole')) {
          const through = throughKey(page.reached, order);
          if (isAfter(through, after, order) && (this.lastClosed === null || isAfter(through, this.lastClosed, order))) {
            this.lastClosed = through;
            stop = 'bound';
          }
        }
      }
    }
    return this.result(stop);
  }

  /** Starts at the resume hint when it can be used; true when its first page must be checked. */
  private startFromHint(): boolean {
    const hint = usableHint(this.request, this.remaining!);
    if (!hint) return false;
    this.window = { from: new Date(hint.window.from), to: new Date(hint.window.to) };
    this.position = hint.position as P;
    this.openGroupResume = this.closedGroupResume = this.previousRowPage = here(this.window, this.position);
    return JSON.stringify(this.position) !== JSON.stringify(this.source.first(this.window));
  }

  /** The next page, or null when the vendor said the position went stale and the scan started over. */
  private async readPage(): Promise<{ page: VendorPage<P>; readBy: string } | null> {
    try {
      return await this.source.read(this.window, this.position, this.fresh);
    } catch (error) {
      if (!(error instanceof StalePositionError)) throw error;
      if (this.restarts >= MAX_RESTARTS) throw UpstreamUnavailableError.forAccount(this.request.account, 'the vendor kept expiring its paging position');
      this.restartFromCursor();
      return null;
    }
  }

  /** Groups a page's rows by instant, emitting each group as the next one begins. */
  private take(rows: readonly CallSession[], pagePosition: ResumePosition): void {
    const { order, limit } = this.request;
    for (const session of rows) {
      const key = sortKeyOf(session);
      if (this.group.endsBefore(key)) {
        this.closeGroup();
        this.closedGroupResume = this.openGroupResume;
        this.openGroupResume = this.previousRowPage;
        if (this.emitted.length > limit) return;
      }
      // A row met twice (pages shifted by a call that arrived in between), or another record of one call, is folded in.
      this.group.add({ session, key, resume: this.closedGroupResume }, order, this.source.fold);
      this.previousRowPage = pagePosition;
    }
  }

  /** Moves to where the walk goes on after a page that has a next one. */
  private advance(page: VendorPage<P>): void {
    const openSince = this.group.instant;
    const firstOfPage = page.rows[0]?.startTime.getTime();
    // Only when the open instant began on this page after its first row: the new window is then strictly smaller.
    if (this.source.resumesFromInstant && page.continues !== 'whole' && openSince !== null && firstOfPage !== undefined && openSince !== firstOfPage) {
      // Continue from the open instant in a fresh window: it is read again whole from there.
      const { from, to } = this.window;
      this.startWindow(this.request.order === SortOrder.START_TIME_DESC ? { from, to: new Date(openSince) } : { from: new Date(openSince), to });
    } else {
      // No instant to continue from (the page is all one instant, or the vendor cannot sort this way): next page.
      this.position = page.next!;
    }
  }

  /** Continues with the first page of `next` (the remaining window, or a part of it), forgetting the open group. */
  private startWindow(next: TimeWindow): void {
    this.window = next;
    this.position = this.source.first(next);
    this.openGroupResume = this.closedGroupResume = this.previousRowPage = here(next, this.position);
    this.group.drain(this.request.order);
    this.previousReadBy = null;
  }

  /** Reads again from the cursor, skipping kept pages, forgetting what was emitted. */
  private restartFromCursor(): void {
    this.restarts += 1;
    this.fresh = true;
    this.emitted.length = 0;
    this.lastClosed = null;
    this.startWindow(this.remaining!);
  }

  private closeGroup(): void {
    const { after, order, filter } = this.request;
    const rows = this.group.drain(order);
    for (const row of rows) {
      if (isAfter(row.key, after, order) && matchesRowFilter(row.session, filter)) this.emitted.push(row);
    }
    if (rows.length > 0) this.lastClosed = rows[rows.length - 1]!.key;
  }

  private result(stop: 'limit' | 'end' | 'bound'): ScanResult {
    const { limit } = this.request;
    const exhausted = stop === 'end' && this.emitted.length <= limit;
    let tail: ResumePosition | null = null;
    if (this.emitted.length > limit) tail = this.emitted[limit]!.resume;
    else if (!exhausted) tail = this.group.resume ?? this.closedGroupResume;
    const rows = this.emitted.slice(0, limit);
    return {
      rows: rows.map((row) => ({ session: row.session, resume: row.resume })),
      exhausted,
      frontier: stop === 'bound' && rows.length < limit ? this.lastClosed : null,
      tail: exhausted ? null : tail,
    };
  }
}

/**
 * The key after every real row of an instant, in the walk's order: the frontier of a scan that read through
 * that instant. Its provider is a real one (cursors carry only those), ordered last (or first) among them.
 */
function throughKey(instant: number, order: SortOrder): SortKey {
  return order === SortOrder.START_TIME_ASC
    ? { startTime: instant, provider: SORTED_PROVIDERS[SORTED_PROVIDERS.length - 1]!, account: '\uffff', nativeId: '\uffff' }
    : { startTime: instant, provider: SORTED_PROVIDERS[0]!, account: '', nativeId: '' };
}

const SORTED_PROVIDERS = [...PROVIDERS].sort();

function here(window: TimeWindow, position: unknown): ResumePosition {
  return { window: { from: window.from.getTime(), to: window.to.getTime() }, position };
}

/** The part of the request window that can still hold rows after the cursor key. */
function remainingWindow(request: ScanRequest): TimeWindow | null {
  const { window, after, order } = request;
  let from = window.from.getTime();
  let to = window.to.getTime();
  if (after) {
    if (order === SortOrder.START_TIME_DESC) to = Math.min(to, after.startTime);
    else from = Math.max(from, after.startTime);
  }
  return from <= to ? { from: new Date(from), to: new Date(to) } : null;
}

/**
 * A resume hint is usable when its window lies inside the request window and reaches the far end of what
 * remains. Its near end may stop short of the cursor: a scan that continued from an instant made the hint,
 * and every row of the account between that instant and the cursor was read and returned before it.
 */
function usableHint(request: ScanRequest, remaining: TimeWindow): ResumePosition | null {
  const { resume: hint, after, order, window: full } = request;
  if (!hint || !after || typeof hint.window !== 'object' || hint.window === null) return null;
  const { from, to } = hint.window;
  if (typeof from !== 'number' || typeof to !== 'number' || from > to) return null;
  const inside = from >= full.from.getTime() && to <= full.to.getTime();
  const reachesFarEnd = order === SortOrder.START_TIME_DESC ? from <= remaining.from.getTime() : to >= remaining.to.getTime();
  return inside && reachesFarEnd ? hint : null;
}
