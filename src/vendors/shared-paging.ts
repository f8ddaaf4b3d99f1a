import { SortOrder } from '../domain/ordering';
import { SharedReads } from '../upstream/shared-reads';
import { TimeWindow } from './adapter';
import { VendorPage, VendorPaging } from './keyset-scan';

/**
 * A vendor's paging with its pages shared: a page is keyed by everything that shapes the vendor's answer
 * (what is asked — `identity`: resource, view, page size, pushed-down filter —, the window, the order and
 * the position), so consecutive GraphQL pages of one walk, whose cursors resume at the same vendor page of
 * the same fixed window, read it once; concurrent walks share it too. Only mapped pages are kept, so a
 * malformed answer is never cached. The keyset scan stays the truth: a page that expired is read again, and
 * a page whose data shifted is checked like any other.
 */
export function sharedPaging<P>(paging: VendorPaging<P>, reads: SharedReads, identity: unknown): VendorPaging<P> {
  const asked = JSON.stringify(identity);
  return {
    first: (window) => paging.first(window),
    ...(paging.anchored ? { anchored: true } : {}),
    fetch: (window: TimeWindow, order: SortOrder, position: P, signal: AbortSignal, readBy: string, fresh: boolean): Promise<VendorPage<P>> =>
      reads.read(
        'list-page',
        `${asked}|${window.from.getTime()}|${window.to.getTime()}|${order}|${JSON.stringify(position)}`,
        signal,
        async (shared) => ({ ...(await paging.fetch(window, order, position, shared, readBy, fresh)), readBy }),
        { fresh },
      ),
  };
}
