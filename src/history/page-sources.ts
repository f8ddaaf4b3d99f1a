import { randomUUID } from 'node:crypto';
import { AccountRef } from '../domain/call-session';
import { SortOrder } from '../domain/ordering';
import { Caller } from '../upstream/caller';
import { NewestFirstPages, NumberedPage, PagingStrategy, PositionPaging, TimeWindow, VendorPage } from '../vendors/paging-strategy';
import { PageSource } from './keyset-scan';
import { PageCache } from './page-cache';

/** What the page sources of one scan share. */
interface ScanPages {
  readonly account: AccountRef;
  readonly order: SortOrder;
  readonly caller: Caller;
  readonly cache: PageCache;
  /** Names the scan, so that a kept page says which scan read it. */
  readonly scanId: string;
  /** Every page from the vendor, none kept from before (the change feed: a page kept earlier may miss a late record). */
  readonly fresh?: boolean;
}

/** The pages of a vendor's declared strategy as one scan reads them, through the page cache. */
export function pageSourceOf(strategy: PagingStrategy, scan: Omit<ScanPages, 'scanId'>): PageSource<unknown> {
  const pages: ScanPages = { ...scan, scanId: randomUUID() };
  return strategy.kind === 'positions' ? positionPages(strategy, pages) : newestFirstPages(strategy, pages);
}

/** The strategy's way of folding rows under one key, when it has one, for the page source. */
const foldOf = (strategy: PagingStrategy): Pick<PageSource<unknown>, 'fold'> => (strategy.fold ? { fold: strategy.fold } : {});

const keyOf = (identity: unknown, window: TimeWindow, ...rest: unknown[]): string => JSON.stringify([identity, window.from.getTime(), window.to.getTime(), ...rest]);

function positionPages<P>(strategy: PositionPaging<P>, scan: ScanPages): PageSource<P> {
  return {
    resumesFromInstant: strategy.resumesFromInstant,
    ...foldOf(strategy),
    first: (window) => strategy.first(window, scan.order),
    read: (window, position, fresh) =>
      scan.cache
        .read(scan.account, keyOf(strategy.identity, window, scan.order, position), { scanId: scan.scanId, fresh: fresh || scan.fresh === true, caller: scan.caller }, (caller) => strategy.fetch(window, scan.order, position, caller))
        .then(({ value, readBy }) => ({ page: value, readBy })),
  };
}

/**
 * A newest-first numbering walked either way. Newest first is the vendor's own order: page numbers from
 * page 1, and a walk continues from any instant with one request. Oldest first cannot count pages backwards
 * (RingCentral's call-log pages carry no totals, vendors.md §1.10), so it reads the window in time slices
 * from its old end: a slice whose first page has no next page holds all its rows, newest first, and is read
 * whole; a slice that does not fit one page is halved until one does. The next slice begins right after,
 * sized from how full the last one was.
 */
function newestFirstPages(strategy: NewestFirstPages, scan: ScanPages): PageSource<number | Slice> {
  const numbered = (window: TimeWindow, page: number, fresh: boolean): Promise<{ value: NumberedPage; readBy: string }> =>
    scan.cache.read(scan.account, keyOf(strategy.identity, window, page), { scanId: scan.scanId, fresh: fresh || scan.fresh === true, caller: scan.caller }, (caller) => strategy.fetch(window, page, caller));
  if (scan.order === SortOrder.START_TIME_DESC) {
    return {
      resumesFromInstant: true,
      ...foldOf(strategy),
      first: () => 1,
      async read(window, position, fresh) {
        const { value, readBy } = await numbered(window, position as number, fresh);
        return { page: { rows: value.rows, next: value.nextPage }, readBy };
      },
    };
  }
  return {
    resumesFromInstant: false,
    ...foldOf(strategy),
    first: (window) => ({ from: window.from.getTime(), span: window.to.getTime() - window.from.getTime() }),
    read: (window, position, fresh) => readOldestSlice(window, position as Slice, (slice, page) => numbered(slice, page, fresh)),
  };
}

/** An oldest-first position: the slice [from, from + span] of the window (epoch ms), tried first. */
interface Slice {
  readonly from: number;
  readonly span: number;
}

type NumberedRead = (slice: TimeWindow, page: number) => Promise<{ value: NumberedPage; readBy: string }>;

/** The oldest slice of the window from `position.from` that fits one page, read whole, oldest first. */
async function readOldestSlice(window: TimeWindow, position: Slice, read: NumberedRead): Promise<{ page: VendorPage<Slice>; readBy: string }> {
  const end = window.to.getTime();
  let span = Math.max(0, position.span);
  let fullPage = 0;
  for (;;) {
    const to = Math.min(position.from + span, end);
    const slice = { from: new Date(position.from), to: new Date(to) };
    const first = await read(slice, 1);
    const rows = [...first.value.rows];
    if (first.value.nextPage !== null && to > position.from) {
      fullPage = Math.max(fullPage, rows.length);
      span = Math.floor((to - position.from) / 2);
      continue;
    }
    if (first.value.nextPage !== null) {
      // More rows in one millisecond than a page holds: that instant's pages, all of them.
      for (let page: number | null = first.value.nextPage; page !== null; ) {
        const more = await read(slice, page);
        rows.push(...more.value.rows);
        page = more.value.nextPage;
      }
    }
    const next = to >= end ? null : { from: to + 1, span: nextSpan(to - position.from, rows.length, fullPage) };
    return { page: { rows: rows.reverse(), next, continues: 'range', reached: to }, readBy: first.readBy };
  }
}

/** The next slice's length: as long as this one scaled to fill ~80% of a page, or twice as long when unknown. */
function nextSpan(span: number, rows: number, fullPage: number): number {
  if (rows === 0 || fullPage === 0) return Math.max(1000, span * 2);
  return Math.max(1000, Math.floor((span * 0.8 * fullPage) / rows));
}
