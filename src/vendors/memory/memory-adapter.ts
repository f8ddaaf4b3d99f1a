import { Readable } from 'node:stream';
import { CallSession, Extension, SessionDetail } from '../../domain/call-session';
import { Provider } from '../../domain/enums';
import { UpstreamUnavailableError } from '../../domain/errors';
import { SortOrder } from '../../domain/ordering';
import { ListSessionsRequest, ListSessionsResult, RecordingContent, TimeWindow, VendorAdapter } from '../adapter';
import { VendorPaging, keysetScan } from '../keyset-scan';
import { sharedPaging } from '../shared-paging';
import { SharedReads } from '../../upstream/shared-reads';
import { serveByteRange } from '../../lib/byte-range';

/** How the in-memory vendor pages: by page number (RingCentral, Telphin style) or by offset (CallGear style). */
export type MemoryPagingStyle = 'page' | 'offset';

export interface MemoryAdapterOptions {
  readonly provider: Provider;
  readonly account: string;
  /** Sessions with their detail; listSessions strips the detail unless asked for it. */
  readonly sessions: () => readonly CallSession[];
  readonly extensions: readonly Extension[];
  readonly pageSize: number;
  readonly pagingStyle: MemoryPagingStyle;
  /** The audio of a recording, or null when there is none. */
  readonly recordingAudio?: (nativeId: string) => { bytes: Buffer; contentType: string } | null;
  readonly extensionBatchSize?: number;
  readonly detailBatchSize?: number;
  /** Continue walks from an instant (default), or by page number or offset only, like a vendor that cannot sort both ways. */
  readonly anchored?: boolean;
  /** Keep list pages in these shared reads, as the vendor adapters do. */
  readonly reads?: SharedReads;
}

/** What the in-memory vendor was asked, for tests that count requests. */
export interface MemoryAdapterStats {
  listPages: number;
  sessionLookups: number;
  detailBatches: number;
  extensionBatches: number;
}

/**
 * A vendor adapter over sessions held in memory. It pages like a real vendor (ordered by startTime only,
 * ties in storage order, fixed page size) so the engine is exercised exactly as with a remote vendor.
 */
export class MemoryAdapter implements VendorAdapter {
  readonly provider: Provider;
  readonly account: string;
  readonly extensionBatchSize: number;
  readonly detailBatchSize: number;
  readonly stats: MemoryAdapterStats = { listPages: 0, sessionLookups: 0, detailBatches: 0, extensionBatches: 0 };
  /** When set, every call fails as an unreachable vendor would. */
  failure: string | null = null;

  constructor(private readonly options: MemoryAdapterOptions) {
    this.provider = options.provider;
    this.account = options.account;
    this.extensionBatchSize = options.extensionBatchSize ?? 100;
    this.detailBatchSize = options.detailBatchSize ?? 50;
  }

  async listSessions(request: ListSessionsRequest): Promise<ListSessionsResult> {
    this.checkReachable();
    const paging: VendorPaging<number> = {
      anchored: this.options.anchored ?? true,
      first: () => (this.options.pagingStyle === 'page' ? 1 : 0),
      fetch: async (window, order, position) => this.fetchPage(window, order, position, request.withDetail),
    };
    const { reads } = this.options;
    return keysetScan(request, reads ? sharedPaging(paging, reads, [request.withDetail, this.options.pageSize]) : paging);
  }

  async getSession(nativeId: string): Promise<CallSession | null> {
    this.checkReachable();
    this.stats.sessionLookups += 1;
    return this.options.sessions().find((s) => s.nativeId === nativeId) ?? null;
  }

  async loadDetails(sessions: readonly CallSession[]): Promise<Array<SessionDetail | null>> {
    this.checkReachable();
    this.stats.detailBatches += 1;
    const byId = new Map(this.options.sessions().map((s) => [s.nativeId, s]));
    return sessions.map((s) => byId.get(s.nativeId)?.detail ?? null);
  }

  async getExtensions(nativeIds: readonly string[]): Promise<Array<Extension | null>> {
    this.checkReachable();
    this.stats.extensionBatches += 1;
    const byId = new Map(this.options.extensions.map((e) => [e.nativeId, e]));
    return nativeIds.map((id) => byId.get(id) ?? null);
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

  private fetchPage(window: TimeWindow, order: SortOrder, position: number, withDetail: boolean) {
    this.checkReachable();
    this.stats.listPages += 1;
    const from = window.from.getTime();
    const to = window.to.getTime();
    const inWindow = this.options.sessions().filter((s) => s.startTime.getTime() >= from && s.startTime.getTime() <= to);
    // Stable sort by time only, like a vendor: rows sharing an instant stay in storage order.
    const sign = order === SortOrder.START_TIME_ASC ? 1 : -1;
    const ordered = inWindow
      .map((s, i) => ({ s, i }))
      .sort((x, y) => sign * (x.s.startTime.getTime() - y.s.startTime.getTime()) || x.i - y.i)
      .map(({ s }) => (withDetail ? s : { ...s, detail: null }));
    const size = this.options.pageSize;
    const offset = this.options.pagingStyle === 'page' ? (position - 1) * size : position;
    const rows = ordered.slice(offset, offset + size);
    const hasMore = offset + size < ordered.length;
    const next = hasMore ? (this.options.pagingStyle === 'page' ? position + 1 : offset + size) : null;
    return { rows, next };
  }

  private checkReachable(): void {
    if (this.failure !== null) throw UpstreamUnavailableError.forAccount(this, this.failure);
  }
}
