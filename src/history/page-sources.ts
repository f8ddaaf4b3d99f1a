import { randomUUID } from 'node:crypto';
import { AccountRef } from '../domain/call-session';
import { SortOrder } from '../domain/ordering';
import { Caller } from '../upstream/caller';
import { NewestFirstPages, NumberedPage, PagingStrategy, PositionPaging, TimeWindow } from '../vendors/paging-strategy';
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
}

/** The pages of a vendor's declared strategy as one scan reads them, through the page cache. */
export function pageSourceOf(strategy: PagingStrategy, scan: Omit<ScanPages, 'scanId'>): PageSource<unknown> {
  const pages: ScanPages = { ...scan, scanId: randomUUID() };
  return strategy.kind === 'positions' ? positionPages(strategy, pages) : newestFirstPages(strategy, pages);
}

const keyOf = (identity: unknown, window: TimeWindow, ...rest: unknown[]): string => JSON.stringify([identity, window.from.getTime(), window.to.getTime(), ...rest]);

function positionPages<P>(strategy: PositionPaging<P>, scan: ScanPages): PageSource<P> {
  return {
    resumesFromInstant: strategy.resumesFromInstant,
    first: (window) => strategy.first(window, scan.order),
    read: (window, position, fresh) =>
      scan.cache
        .read(scan.account, keyOf(strategy.identity, window, scan.order, position), { scanId: scan.scanId, fresh, caller: scan.caller }, (caller) => strategy.fetch(window, scan.order, position, caller))
        .then(({ value, readBy }) => ({ page: value, readBy })),
  };
}

/** Position of an oldest-first walk that has yet to find the last page. */
const LAST = -1;

/**
 * A newest-first numbering walked either way. Newest first is the vendor's own order: a walk continues from
 * any instant with one request. Oldest first reads page numbers backwards from the last page, which the
 * first page names; both must come from one reading, or they are read again. A page is kept by its number
 * alone (the vendor lists newest first whatever the walk's order), so the probe an oldest-first walk makes
 * of page 1 is the page 1 it reads last.
 */
function newestFirstPages(strategy: NewestFirstPages, scan: ScanPages): PageSource<number> {
  const descending = scan.order === SortOrder.START_TIME_DESC;
  const numbered = (window: TimeWindow, page: number, fresh: boolean): Promise<{ value: NumberedPage; readBy: string }> =>
    scan.cache.read(scan.account, keyOf(strategy.identity, window, page), { scanId: scan.scanId, fresh, caller: scan.caller }, (caller) => strategy.fetch(window, page, caller));
  return {
    resumesFromInstant: descending,
    first: () => (descending ? 1 : LAST),
    async read(window, position, fresh) {
      let page = position;
      let listed: { value: NumberedPage; readBy: string };
      if (page === LAST) {
        let probe = await numbered(window, 1, fresh);
        listed = probe.value.lastPage === 1 ? probe : await numbered(window, probe.value.lastPage, fresh);
        if (listed.readBy !== probe.readBy) {
          // The last page must come from the same reading as the probe that numbered it.
          probe = await numbered(window, 1, true);
          listed = probe.value.lastPage === 1 ? probe : await numbered(window, probe.value.lastPage, true);
        }
        page = probe.value.lastPage;
      } else {
        listed = await numbered(window, page, fresh);
      }
      const { rows, nextPage } = listed.value;
      if (descending) return { page: { rows, next: nextPage }, readBy: listed.readBy };
      return { page: { rows: [...rows].reverse(), next: page > 1 ? page - 1 : null }, readBy: listed.readBy };
    },
  };
}
