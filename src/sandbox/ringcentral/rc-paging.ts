/**
 * RingCentral's list envelope (vendors.md §1.4): `records`, `navigation` and `paging`; page, pageStart and
 * pageEnd are absent on an empty page. Totals (`totalPages`, `totalElements`, `navigation.lastPage`) only
 * with `totals`: real call-log answers carry none (vendors.md §1.10), extension lists do.
 */
export function pagedList<T>(all: readonly T[], page: number, perPage: number, pageUri: (page: number) => string, render: (item: T) => unknown, totals: boolean): Record<string, unknown> {
  const start = (page - 1) * perPage;
  const slice = all.slice(start, start + perPage);
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const link = (p: number) => ({ uri: pageUri(p) });
  return {
    uri: pageUri(page),
    records: slice.map(render),
    paging: {
      ...(slice.length > 0 ? { page, perPage, pageStart: start, pageEnd: start + slice.length - 1 } : { perPage }),
      ...(totals ? { totalPages, totalElements: all.length } : {}),
    },
    navigation: {
      firstPage: link(1),
      ...(start + perPage < all.length ? { nextPage: link(page + 1) } : {}),
      ...(page > 1 ? { previousPage: link(page - 1) } : {}),
      ...(totals ? { lastPage: link(totalPages) } : {}),
    },
  };
}
