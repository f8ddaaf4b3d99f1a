import { CallSession, Extension, SessionDetail } from '../../domain/call-session';
import { CallDirection } from '../../domain/enums';
import { Provider } from '../../domain/enums';
import { UpstreamUnavailableError } from '../../domain/errors';
import { SortOrder } from '../../domain/ordering';
import { recordingContent } from '../../upstream/stream-get';
import { ListSessionsRequest, ListSessionsResult, RecordingContent, TimeWindow, VendorAdapter } from '../adapter';
import { DirectoryCache } from '../directory-cache';
import { VendorPage, keysetScan } from '../keyset-scan';
import { SharedReads } from '../../upstream/shared-reads';
import { RingCentralClient } from './client';
import { RcMappingContext, RcMappingError, mapCallLogRecord, mapExtension } from './mapper';
import { RcCallLogRecord, RcExtensionRecord, RcListResponse } from './types';

export interface RingCentralAdapterOptions {
  readonly account: string;
  readonly baseUrl: string;
  readonly mediaBaseUrl: string;
  readonly client: RingCentralClient;
  /** Read the company call log (null), or this extension's call log. */
  readonly extensionId: string | null;
  readonly defaultCountry?: string;
  readonly directoryTtlMs: number;
  /** This account's shared reads (list pages, the directory). */
  readonly reads: SharedReads;
}

/** The largest pages the views allow (vendors.md §1.3): 1000 records Simple, 250 Detailed. */
const PER_PAGE = { Simple: 1000, Detailed: 250 } as const;
/** Bulk reads take at most 50 call-log ids (vendors.md §1.7). */
const BULK_LIMIT = 50;
const EXTENSIONS_PER_PAGE = 1000;

/**
 * Positions in RingCentral's call log: page numbers of a fixed window. RingCentral lists newest first only,
 * so an oldest-first walk reads pages backwards from the last one (position `LAST` finds it).
 */
type RcPosition = number;
const LAST: RcPosition = -1;

/** A call-log page as kept: its sessions, newest first, and where RingCentral's navigation points. */
interface RcListedPage {
  readonly sessions: readonly CallSession[];
  readonly nextPage: number | null;
  readonly lastPage: number;
  /** The scan that read it from RingCentral. */
  readonly readBy: string;
}

/** How a scan asks for a page: its signal, its id, and whether to bypass kept pages. */
interface PageRead {
  readonly signal: AbortSignal;
  readonly readBy: string;
  readonly fresh: boolean;
}

export class RingCentralAdapter implements VendorAdapter {
  readonly provider = Provider.RINGCENTRAL;
  readonly account: string;
  readonly extensionBatchSize = 1000;
  readonly detailBatchSize = BULK_LIMIT;
  private readonly ctx: RcMappingContext;
  private readonly directory: DirectoryCache;

  constructor(private readonly options: RingCentralAdapterOptions) {
    this.account = options.account;
    this.ctx = { account: options.account, ...(options.defaultCountry ? { defaultCountry: options.defaultCountry } : {}) };
    this.directory = new DirectoryCache(options.reads, (signal) => this.loadDirectory(signal), options.directoryTtlMs);
  }

  async listSessions(request: ListSessionsRequest): Promise<ListSessionsResult> {
    const view = request.withDetail ? 'Detailed' : 'Simple';
    return keysetScan<RcPosition>(request, {
      // Newest first is RingCentral's own order: a newest-first walk continues from any instant with one
      // request. Oldest first reads page numbers backwards, checked against the call log's count.
      anchored: request.order === SortOrder.START_TIME_DESC,
      first: () => (request.order === SortOrder.START_TIME_DESC ? 1 : LAST),
      fetch: (window, order, position, signal, readBy, fresh) => this.fetchPage(window, order, position, view, request, { signal, readBy, fresh }),
    });
  }

  async getSession(nativeId: string, signal: AbortSignal): Promise<CallSession | null> {
    const [part] = await this.options.client.getBulk('call-log.read', this.recordsUrl([nativeId]), [nativeId], signal);
    return part && part.status === 200 ? this.map(part.body as RcCallLogRecord) : null;
  }

  async loadDetails(sessions: readonly CallSession[], signal: AbortSignal): Promise<Array<SessionDetail | null>> {
    const ids = sessions.map((s) => s.nativeId);
    const parts = await this.options.client.getBulk('call-log.read', this.recordsUrl(ids), ids, signal);
    return parts.map((part) => (part.status === 200 ? this.map(part.body as RcCallLogRecord).detail : null));
  }

  getExtensions(nativeIds: readonly string[], signal: AbortSignal): Promise<Array<Extension | null>> {
    return this.directory.lookup(nativeIds, signal);
  }

  async openRecording(nativeId: string, range: string | undefined, signal: AbortSignal): Promise<RecordingContent | null> {
    // Content comes from the media host only (vendors.md §1.5 / RCD media.md), with the bearer token.
    const url = `${this.options.mediaBaseUrl}/restapi/v1.0/account/~/recording/${encodeURIComponent(nativeId)}/content`;
    const response = await this.options.client.getStream('recording.content', url, range, signal);
    return recordingContent(response);
  }

  async ping(signal: AbortSignal): Promise<void> {
    await this.options.client.getJson('extension.read', `${this.options.baseUrl}/restapi/v1.0/account/~/extension/~`, signal);
  }

  private async fetchPage(window: TimeWindow, order: SortOrder, position: RcPosition, view: 'Simple' | 'Detailed', request: ListSessionsRequest, read: PageRead): Promise<VendorPage<RcPosition>> {
    let page = position;
    let listed: RcListedPage;
    if (page === LAST) {
      // Learn the last page from the first one (RingCentral may omit totalPages; lastPage is in navigation).
      let probe = await this.listedPage(window, view, 1, request, read);
      listed = probe.lastPage === 1 ? probe : await this.listedPage(window, view, probe.lastPage, request, read);
      if (listed.readBy !== probe.readBy) {
        // The last page must come from the same reading as the probe that numbered it.
        const again = { ...read, fresh: true };
        probe = await this.listedPage(window, view, 1, request, again);
        listed = probe.lastPage === 1 ? probe : await this.listedPage(window, view, probe.lastPage, request, again);
      }
      page = probe.lastPage;
    } else {
      listed = await this.listedPage(window, view, page, request, read);
    }
    if (order === SortOrder.START_TIME_DESC) return { rows: listed.sessions, next: listed.nextPage, readBy: listed.readBy };
    return { rows: [...listed.sessions].reverse(), next: page > 1 ? page - 1 : null, readBy: listed.readBy };
  }

  /**
   * One call-log page, mapped, through the account's shared reads. RingCentral lists newest first whatever
   * the walk's order, so a page is kept by number alone: the probe an oldest-first walk makes of page 1
   * is the page 1 it reads last.
   */
  private listedPage(window: TimeWindow, view: 'Simple' | 'Detailed', page: number, request: ListSessionsRequest, read: PageRead): Promise<RcListedPage> {
    const key = JSON.stringify([this.options.extensionId, view, request.filter, window.from.getTime(), window.to.getTime(), page]);
    return this.options.reads.read(
      'list-page',
      key,
      read.signal,
      async (shared) => {
        const response = await this.list(window, view, page, request, shared);
        if (!Array.isArray(response?.records)) throw UpstreamUnavailableError.forAccount(this, 'call-log answered without records');
        return {
          sessions: response.records.map((record) => this.map(record)),
          nextPage: response.navigation?.nextPage ? pageParam(response.navigation.nextPage.uri) : null,
          lastPage: lastPageOf(response),
          readBy: read.readBy,
        };
      },
      { fresh: read.fresh },
    );
  }

  private list(window: TimeWindow, view: 'Simple' | 'Detailed', page: number, request: ListSessionsRequest, signal: AbortSignal): Promise<RcListResponse<RcCallLogRecord>> {
    const params = new URLSearchParams({
      // Explicit offsets: RingCentral reads ISO-8601 with a zone (vendors.md §1.3).
      dateFrom: window.from.toISOString(),
      dateTo: window.to.toISOString(),
      view,
      perPage: String(PER_PAGE[view]),
      page: String(page),
    });
    const { directions, phoneNumber, hasRecording } = request.filter;
    // Push down what RingCentral filters itself; internal calls are Outbound there.
    const wanted = new Set((directions ?? []).map((d) => (d === CallDirection.INBOUND ? 'Inbound' : 'Outbound')));
    if (wanted.size === 1) params.set('direction', [...wanted][0]!);
    if (phoneNumber) params.set('phoneNumber', phoneNumber.replace(/^\+/, ''));
    if (hasRecording === true) params.set('recordingType', 'All');
    const level = this.options.extensionId === null ? '' : `/extension/${encodeURIComponent(this.options.extensionId)}`;
    return this.options.client.getJson('call-log.list', `${this.options.baseUrl}/restapi/v1.0/account/~${level}/call-log?${params}`, signal);
  }

  private recordsUrl(ids: readonly string[]): string {
    const level = this.options.extensionId === null ? '' : `/extension/${encodeURIComponent(this.options.extensionId)}`;
    return `${this.options.baseUrl}/restapi/v1.0/account/~${level}/call-log/${ids.map(encodeURIComponent).join(',')}?view=Detailed`;
  }

  private async loadDirectory(signal: AbortSignal): Promise<Extension[]> {
    const out: Extension[] = [];
    for (let page = 1; page <= 100; page++) {
      const url = `${this.options.baseUrl}/restapi/v1.0/account/~/extension?perPage=${EXTENSIONS_PER_PAGE}&page=${page}`;
      const response = await this.options.client.getJson<RcListResponse<RcExtensionRecord>>('extension.list', url, signal);
      if (!Array.isArray(response?.records)) throw UpstreamUnavailableError.forAccount(this, 'extension list answered without records');
      out.push(...response.records.map((r) => this.guard(() => mapExtension(r, this.account))));
      if (!response.navigation?.nextPage) break;
    }
    return out;
  }

  private map(record: RcCallLogRecord): CallSession {
    return this.guard(() => mapCallLogRecord(record, this.ctx));
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof RcMappingError) throw UpstreamUnavailableError.forAccount(this, `malformed response: ${error.message}`);
      throw error;
    }
  }
}

function pageParam(uri: string): number | null {
  const page = Number(new URL(uri, 'http://x').searchParams.get('page'));
  return Number.isInteger(page) && page >= 1 ? page : null;
}

function lastPageOf(response: RcListResponse<unknown>): number {
  const fromNavigation = response.navigation?.lastPage ? pageParam(response.navigation.lastPage.uri) : null;
  return Math.max(1, response.paging?.totalPages ?? fromNavigation ?? 1);
}
