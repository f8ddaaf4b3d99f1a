import { CallSession } from '../domain/call-session';
import { SortOrder } from '../domain/ordering';
import { Caller } from '../upstream/caller';

/** An inclusive time window [from, to]. */
export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

/** One vendor page, mapped: rows sorted by startTime in the asked order, ties in any order. */
export interface VendorPage<P> {
  readonly rows: readonly CallSession[];
  /** Where the walk goes on, or null when this was the window's last page. */
  readonly next: P | null;
  /**
   * How `next` follows this page. `seam` (default): the next page of the same numbering, whose seam with
   * this one the engine checks when the two were read at different times. `range`: a time range of its own
   * (a new report window), no seam to check. `whole`: like `range`, and this page was read whole (a
   * repeated wall-clock hour), so the walk goes on at `next`, never from an instant inside it.
   */
  readonly continues?: 'seam' | 'range' | 'whole';
  /**
   * For a page that ends a time range of its own (`range` or `whole`): the instant (epoch ms) through which the
   * window has now been read, in the walk's order (the range's far end). A run of empty ranges then counts
   * toward the scan bound: the scan may stop there and the next page continues after it.
   */
  readonly reached?: number;
}

/**
 * Folds two rows with the same key (same instant, same native id) into one. A vendor that keeps one call in
 * several records gives them one native id and says here how they combine; it must not depend on which row
 * came first, and folding a row with itself (pages that shifted show a row twice) must change nothing.
 * Without it the row met first is kept.
 */
export type FoldRows = (held: CallSession, met: CallSession) => CallSession;

/**
 * Paging by positions the vendor hands out: page numbers, offsets, report chunks, or cursor tokens.
 * The engine keeps pages (under `identity`, the window, the order and the position), checks seams, and
 * turns the pages into an exact keyset walk.
 */
export interface PositionPaging<P> {
  readonly kind: 'positions';
  /** What shapes the vendor's answer besides window, order and position (resource, view, page size, pushed-down filter). */
  readonly identity: unknown;
  readonly fold?: FoldRows;
  /**
   * True when the vendor sorts both ways and starts any window with one request: the walk then continues
   * after each page from the instant it stopped at, in a fresh window, rather than at `next`, so a kept
   * page never meets a later page whose numbering shifted because calls arrived or were deleted between.
   */
  readonly resumesFromInstant: boolean;
  first(window: TimeWindow, order: SortOrder): P;
  /** One page; throws StalePositionError when a position the vendor handed out has expired. */
  fetch(window: TimeWindow, order: SortOrder, position: P, caller: Caller): Promise<VendorPage<P>>;
}

/** One page of a call log numbered newest first (no totals: the vendor may not count them). */
export interface NumberedPage {
  /** Newest first. */
  readonly rows: readonly CallSession[];
  readonly nextPage: number | null;
}

/**
 * Page numbers over a list the vendor sorts newest first only (RingCentral's call log). The engine walks
 * newest-first from page 1, and oldest-first in time slices that each fit one page.
 */
export interface NewestFirstPages {
  readonly kind: 'newest-first-pages';
  readonly identity: unknown;
  readonly fold?: FoldRows;
  fetch(window: TimeWindow, page: number, caller: Caller): Promise<NumberedPage>;
}

/** How a vendor pages one listing: declared by the adapter, run by the engine. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PagingStrategy = PositionPaging<any> | NewestFirstPages;

/**
 * A position the vendor handed out is no longer valid (an expired cursor token): the engine starts the
 * scan over from the keyset cursor instead of failing the page.
 */
export class StalePositionError extends Error {}
