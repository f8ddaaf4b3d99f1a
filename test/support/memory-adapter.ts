import { Readable } from 'node:stream';
import { CallSession, Extension, SessionDetail } from '../../src/domain/call-session';
import { UpstreamUnavailableError } from '../../src/domain/errors';
import { Provider } from '../../src/domain/provider';
import { SortOrder } from '../../src/domain/ordering';
import { serveByteRange } from '../../src/lib/byte-range';
import { Listing, RecordingContent, VendorAdapter } from '../../src/vendors/adapter';
import { NumberedPage, PagingStrategy, StalePositionError, TimeWindow } from '../../src/vendors/paging-strategy';

/**
 * How the in-memory vendor pages: by page number, by offset, by a cursor token that may expire, or by page
 * numbers of a list sorted newest first only (like RingCentral's call log).
 */
export type MemoryPagingStyle = 'page' | 'offset' | 'token' | 'newest-first';

export interface MemoryAdapterOptions {
  readonly provider: Provider;
  readonly account: string;
  /** Sessions with their detail; listed pages strip the detail unless the listing asks for it. */
  readonly sessions: () => readonly CallSession[];
  readonly extensions: readonly Extension[];
  readonly pageSize: number;
  readonly pagingStyle: MemoryPagingStyle;
  /** The audio of a recording, or null when there is none. */
  readonly recordingAudio?: (nativeId: string) => { bytes: Buffer; contentType: string } | null;
  readonly extensionBatchSize?: number;
  readonly detailBatchSize?: number;
  /** Continue walks from an instant (default), or by position only, like a vendor that cannot sort both ways. */
  readonly resumesFromInstant?: boolean;
  /** Whether listed rows can carry their legs when asked (default), or never do, like CallGear's calls report. */
  readonly listsDetail?: boolean;
  /** Runs before each page is read (the count of pages read so far): a test changes the vendor's data there. */
  readonly beforeFetch?: (pagesRead: number) => void;
}

/** What the in-memory vendor was asked, for tests that count requests (the `loadCalls` pattern). */
export interface MemoryAdapterStats {
  listPages: number;
  sessionLookups: number;
  /** Each detail batch, with the native ids asked. */
  detailBatches: string[][];
  /** Each extension batch, with the ids asked. */
  extensionBatches: string[][];
}

/**
 * The test twin of a vendor adapter, over sessions held in memory. It pages like a real vendor (ordered by
 * startTime only, ties in storage order, fixed page size) so the engine is exercised exactly as with a remote
 * vendor, without HTTP. Token paging hands out cursor tokens that expire when `expireTokens()` is called.
 */
export class MemoryAdapter implements VendorAdapter {
  readonly provider: Provider;
  readonly account: string;
  readonly extensionBatchSize: number;
  readonly detailBatchSize: number;
  readonly listsRecordings = true;
  readonly stats: MemoryAdapterStats = { listPages: 0, sessionLookups: 0, detailBatches: [], extensionBatches: [] };
  /** When set, every call fails as an unreachable vendor would. */
  failure: string | null = null;
  /** Token generation: tokens of an older one are stale. */
  private generation = 0;

  constructor(private readonly options: MemoryAdapterOptions) {
    this.provider = options.provider;
    this.account = options.account;
    this.extensionBatchSize = options.extensionBatchSize ?? 100;
    this.detailBatchSize = options.detailBatchSize ?? 50;
  }

  /** Makes every cursor token handed out so far stale. */
  expireTokens(): void {
    this.generation += 1;
  }

  paging(listing: Listing): PagingStrategy {
    const style = this.options.pagingStyle;
    if (style === 'newest-first') {
      return { kind: 'newest-first-pages', identity: [listing.withDetail, this.options.pageSize], fetch: async (window, page) => this.numberedPage(window, page, listing.withDetail) };
    }
    return {
      kind: 'positions',
      identity: [listing.withDetail, this.options.pageSize, style],
      resumesFromInstant: this.options.resumesFromInstant ?? true,
      first: () => (style === 'page' ? 1 : style === 'offset' ? 0 : this.token(0)),
      fetch: async (window, order, position) => this.fetchPage(window, order, position, listing.withDetail && (this.options.listsDetail ?? true)),
    };
  }

  async getSession(nativeId: string): Promise<CallSession | null> {
    this.checkReachable();
    this.stats.sessionLookups += 1;
    return this.options.sessions().find((s) => s.nativeId === nativeId) ?? null;
  }

  async loadDetails(sessions: readonly CallSession[]): Promise<Array<SessionDetail | null>> {
    this.checkReachable();
    this.stats.detailBatches.push(sessions.map((s) => s.nativeId));
    const byId = new Map(this.options.sessions().map((s) => [s.nativeId, s]));
    return sessions.map((s) => byId.get(s.nativeId)?.detail ?? null);
  }

  async getExtensions(nativeIds: readonly string[]): Promise<Array<Extension | null>> {
    this.checkReachable();
    this.stats.extensionBatches.push([...nativeIds]);
    const byId = new Map(this.options.extensions.map((e) => [e.nativeId, e]));
    return nativeIds.map((id) => byId.get(id) ?? null);
  }

  async listExtensions(): Promise<readonly Extension[]> {
    this.checkReachable();
    return this.options.extensions;
  }

  async openRecording(nativeId: string, range: string | undefined): Promise<RecordingContent | null> {
    this.checkReachable();
    const audio = this.options.recordingAudio?.(nativeId) ?? null;
    if (!audio) return null;
    const served = serveByteRange(audio.bytes.length, range);
    const headers: Record<string, string> = { 'accept-ranges': 'bytes', ...served.headers };
    const body = served.status === 416 ? Readable.from([]) : Readable.from([audio.bytes.subarray(served.start, served.end + 1)]);
    return { status: served.status, contentType: audio.contentType, headers, body };
  }

  async ping(): Promise<void> {
    this.checkReachable();
  }

  private numberedPage(window: TimeWindow, page: number, withDetail: boolean): NumberedPage {
    const { rows, next } = this.fetchPage(window, SortOrder.START_TIME_DESC, page, withDetail);
    return { rows, nextPage: next as number | null };
  }

  private inWindow(window: TimeWindow): CallSession[] {
    const from = window.from.getTime();
    const to = window.to.getTime();
    return this.options.sessions().filter((s) => s.startTime.getTime() >= from && s.startTime.getTime() <= to);
  }

  private token(offset: number): string {
    return `${this.generation}:${offset}`;
  }

  private fetchPage(window: TimeWindow, order: SortOrder, position: number | string, withDetail: boolean) {
    this.checkReachable();
    this.options.beforeFetch?.(this.stats.listPages);
    this.stats.listPages += 1;
    const inWindow = this.inWindow(window);
    // Stable sort by time only, like a vendor: rows sharing an instant stay in storage order.
    const sign = order === SortOrder.START_TIME_ASC ? 1 : -1;
    const ordered = inWindow
      .map((s, i) => ({ s, i }))
      .sort((x, y) => sign * (x.s.startTime.getTime() - y.s.startTime.getTime()) || x.i - y.i)
      .map(({ s }) => (withDetail ? s : { ...s, detail: null }));
    const size = this.options.pageSize;
    const offset = this.offsetOf(position);
    const rows = ordered.slice(offset, offset + size);
    const hasMore = offset + size < ordered.length;
    const style = this.options.pagingStyle;
    const next = !hasMore ? null : style === 'token' ? this.token(offset + size) : style === 'offset' ? offset + size : (position as number) + 1;
    return { rows, next };
  }

  private offsetOf(position: number | string): number {
    if (this.options.pagingStyle === 'offset') return position as number;
    if (this.options.pagingStyle !== 'token') return ((position as number) - 1) * this.options.pageSize;
    const [generation, offset] = String(position).split(':').map(Number);
    if (generation !== this.generation) throw new StalePositionError('the cursor token expired');
    return offset!;
  }

  private checkReachable(): void {
    if (this.failure !== null) throw UpstreamUnavailableError.forAccount(this, this.failure);
  }
}
