import { CallSession, Extension, SessionDetail } from '../../domain/call-session';
import { CallDirection, Provider } from '../../domain/enums';
import { UpstreamUnavailableError } from '../../domain/errors';
import { SortOrder } from '../../domain/ordering';
import { recordingContent } from '../../upstream/stream-get';
import { ListSessionsRequest, ListSessionsResult, RecordingContent, TimeWindow, VendorAdapter } from '../adapter';
import { DirectoryCache } from '../directory-cache';
import { VendorPage, keysetScan } from '../keyset-scan';
import { sharedPaging } from '../shared-paging';
import { SharedReads } from '../../upstream/shared-reads';
import { TelphinClient } from './client';
import { TpMappingContext, TpMappingError, mapCall, mapExtension } from './mapper';
import { TpCall, TpCallsPage, TpExtension } from './types';

export interface TelphinAdapterOptions {
  readonly account: string;
  /** `{base}/api/ver1.0/client/{clientPath}`: "@me" is the token's own client. */
  readonly apiBase: string;
  readonly client: TelphinClient;
  readonly defaultCountry?: string;
  readonly directoryTtlMs: number;
  /** This account's shared reads (list pages, the directory). */
  readonly reads: SharedReads;
  /** Rows per page (default and cap: MAX_PER_PAGE). */
  readonly pageSize?: number;
}

/** Telphin publishes no per_page maximum (vendors.md §3.3); 500 is the documented choice of docs/vendors/telphin.md. */
const MAX_PER_PAGE = 500;
const EXTENSIONS_PER_PAGE = 500;

/** Telphin pages by page number in a fixed window, in either order; a page shorter than per_page is the last. */
type TpPosition = number;

export class TelphinAdapter implements VendorAdapter {
  readonly provider = Provider.TELPHIN;
  readonly account: string;
  readonly extensionBatchSize = 1000;
  readonly detailBatchSize = 50;
  private readonly ctx: TpMappingContext;
  private readonly directory: DirectoryCache;
  private readonly pageSize: number;

  constructor(private readonly options: TelphinAdapterOptions) {
    this.account = options.account;
    this.ctx = { account: options.account, ...(options.defaultCountry ? { defaultCountry: options.defaultCountry } : {}) };
    this.pageSize = Math.min(MAX_PER_PAGE, options.pageSize ?? MAX_PER_PAGE);
    this.directory = new DirectoryCache(options.reads, (signal) => this.loadDirectory(signal), options.directoryTtlMs);
  }

  listSessions(request: ListSessionsRequest): Promise<ListSessionsResult> {
    // `calls` is the faster resource (seed 004); `call_history` adds the cdr that legs, recordings and hasRecording need.
    const history = request.withDetail || request.filter.hasRecording !== undefined;
    const paging = {
      // Telphin sorts both ways itself (seed 004 `order`): a walk continues from any instant with one request.
      anchored: true,
      first: () => 1,
      fetch: (window: TimeWindow, order: SortOrder, page: TpPosition, signal: AbortSignal) => this.fetchPage(window, order, page, history, request, signal),
    };
    const pushed = new URLSearchParams();
    this.pushDown(request, pushed);
    return keysetScan<TpPosition>(request, sharedPaging(paging, this.options.reads, [history ? 'call_history' : 'calls', this.pageSize, pushed.toString()]));
  }

  async getSession(nativeId: string, signal: AbortSignal): Promise<CallSession | null> {
    if (!/^[0-9A-Fa-f]{32}$/.test(nativeId)) return null;
    const call = await this.options.client.getJson<TpCall>('call_history.read', `${this.options.apiBase}/call_history/${nativeId}`, signal, { missingIsNull: true });
    return call ? this.map(call) : null;
  }

  /** Sessions listed from `calls` get their cdr by id (the detail loader batches them per page). */
  async loadDetails(sessions: readonly CallSession[], signal: AbortSignal): Promise<Array<SessionDetail | null>> {
    const details: Array<SessionDetail | null> = [];
    // One at a time: call_history by id is cheap, and Telphin's quota counts each request anyway.
    for (const session of sessions) details.push((await this.getSession(session.nativeId, signal))?.detail ?? null);
    return details;
  }

  getExtensions(nativeIds: readonly string[], signal: AbortSignal): Promise<Array<Extension | null>> {
    return this.directory.lookup(nativeIds, signal);
  }

  async openRecording(nativeId: string, range: string | undefined, signal: AbortSignal): Promise<RecordingContent | null> {
    if (!/^\d{1,12}-[0-9A-Fa-f]{32}$/.test(nativeId)) return null;
    const response = await this.options.client.getStream('record.read', `${this.options.apiBase}/record/${nativeId}`, range, signal);
    return recordingContent(response);
  }

  async ping(signal: AbortSignal): Promise<void> {
    await this.options.client.getJson('extension.list', `${this.options.apiBase}/extension/?page=1&per_page=1`, signal);
  }

  private async fetchPage(window: TimeWindow, order: SortOrder, page: TpPosition, history: boolean, request: ListSessionsRequest, signal: AbortSignal): Promise<VendorPage<TpPosition>> {
    const resource = history ? 'call_history' : 'calls';
    const params = new URLSearchParams({
      // UTC, whole seconds: from rounded down and to rounded up, so the window is covered; rows outside are dropped below.
      start_datetime: gmtText(Math.floor(window.from.getTime() / 1000) * 1000),
      end_datetime: gmtText(Math.ceil(window.to.getTime() / 1000) * 1000),
      order: order === SortOrder.START_TIME_DESC ? 'desc' : 'asc',
      page: String(page),
      per_page: String(this.pageSize),
    });
    this.pushDown(request, params);
    const body = await this.options.client.getJson<TpCallsPage>(`${resource}.list`, `${this.options.apiBase}/${resource}/?${params}`, signal, { statistics: true });
    const items = body?.[resource];
    if (!Array.isArray(items)) throw UpstreamUnavailableError.forAccount(this, `${resource} answered without a ${resource} list`);
    const from = window.from.getTime();
    const to = window.to.getTime();
    const rows = items.map((item) => this.map(item)).filter((s) => s.startTime.getTime() >= from && s.startTime.getTime() <= to);
    // No total count: a short page is the last (vendors.md §3.3).
    return { rows, next: items.length < this.pageSize ? null : page + 1 };
  }

  /** What Telphin filters itself: flow (internal calls are "out" there). */
  private pushDown(request: ListSessionsRequest, params: URLSearchParams): void {
    const directions = request.filter.directions;
    if (!directions || directions.length === 0) return;
    const inbound = directions.includes(CallDirection.INBOUND);
    const outbound = directions.includes(CallDirection.OUTBOUND) || directions.includes(CallDirection.INTERNAL);
    if (inbound !== outbound) params.append('flow', inbound ? 'in' : 'out');
  }

  private async loadDirectory(signal: AbortSignal): Promise<Extension[]> {
    const out: Extension[] = [];
    for (let page = 1; page <= 100; page++) {
      const list = await this.options.client.getJson<TpExtension[]>('extension.list', `${this.options.apiBase}/extension/?page=${page}&per_page=${EXTENSIONS_PER_PAGE}`, signal);
      if (!Array.isArray(list)) throw UpstreamUnavailableError.forAccount(this, 'extension list answered without a list');
      out.push(...list.map((row) => this.guard(() => mapExtension(row, this.account))));
      if (list.length < EXTENSIONS_PER_PAGE) break;
    }
    return out;
  }

  private map(call: TpCall): CallSession {
    return this.guard(() => mapCall(call, this.ctx));
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof TpMappingError || error instanceof TypeError) throw UpstreamUnavailableError.forAccount(this, `malformed response: ${error.message}`);
      throw error;
    }
  }
}

function gmtText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
