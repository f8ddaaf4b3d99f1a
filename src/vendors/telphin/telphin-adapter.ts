import { RowFilter } from '../../domain/call-filter';
import { CallSession, Extension, SessionDetail } from '../../domain/call-session';
import { CallDirection } from '../../domain/enums';
import { UpstreamUnavailableError } from '../../domain/errors';
import { SortOrder } from '../../domain/ordering';
import { Caller } from '../../upstream/caller';
import { AccountStack } from '../../upstream/policy-stack';
import { Listing, RecordingContent, VendorAdapter } from '../adapter';
import { DirectoryCache } from '../directory-cache';
import { PositionPaging, TimeWindow, VendorPage } from '../paging-strategy';
import { mapOrFail } from '../mapping-guard';
import { mapInSlices } from '../../lib/map-in-slices';
import { fetchRecording } from '../recording-content';
import { TelphinClient } from './client';
import { TpMappingContext, mapCall, mapExtension } from './mapper';
import { TELPHIN } from './provider-id';
import { TpCall, TpCallsPage, TpExtension } from './types';

export interface TelphinAdapterOptions {
  readonly account: string;
  /** `{base}/api/ver1.0/client/{clientPath}`: "@me" is the token's own client. */
  readonly apiBase: string;
  /** The account's policy stack. */
  readonly stack: AccountStack;
  readonly defaultCountry?: string;
  readonly directoryTtlMs: number;
  /** Rows per page (default and cap: MAX_PER_PAGE). */
  readonly pageSize?: number;
}

/** Telphin publishes no per_page maximum (vendors.md §3.3); 500 is the documented choice of docs/vendors/telphin.md. */
const MAX_PER_PAGE = 500;
const EXTENSIONS_PER_PAGE = 500;

/** Telphin pages by page number in a fixed window, in either order; a page shorter than per_page is the last. */
type TpPosition = number;

export class TelphinAdapter implements VendorAdapter {
  readonly provider = TELPHIN;
  readonly account: string;
  readonly defaultCountry: string | undefined;
  readonly extensionBatchSize = 1000;
  readonly detailBatchSize = 50;
  /** `calls` names no recording; `call_history`'s cdr does (seed 004). */
  readonly listsRecordings = false;
  private readonly ctx: TpMappingContext;
  private readonly directory: DirectoryCache;
  private readonly pageSize: number;
  private readonly client: TelphinClient;

  constructor(private readonly options: TelphinAdapterOptions) {
    this.account = options.account;
    this.defaultCountry = options.defaultCountry;
    this.ctx = { account: options.account, ...(options.defaultCountry ? { defaultCountry: options.defaultCountry } : {}) };
    this.pageSize = Math.min(MAX_PER_PAGE, options.pageSize ?? MAX_PER_PAGE);
    this.client = new TelphinClient(options.stack);
    this.directory = new DirectoryCache(options.stack.reads, (caller) => this.loadDirectory(caller), options.directoryTtlMs);
  }

  /** Page numbers in a fixed window; Telphin sorts both ways itself (seed 004 `order`), so a walk continues from any instant with one request. */
  paging(listing: Listing): PositionPaging<TpPosition> {
    // `calls` is the faster resource (seed 004); `call_history` adds the cdr that legs, recordings and hasRecording need.
    const resource = listing.withDetail || listing.filter.hasRecording !== undefined ? 'call_history' : 'calls';
    const pushed = pushDown(listing.filter);
    return {
      kind: 'positions',
      identity: [resource, this.pageSize, pushed.toString()],
      resumesFromInstant: true,
      first: () => 1,
      fetch: (window, order, page, caller) => this.fetchPage(window, order, page, resource, pushed, caller),
    };
  }

  async getSession(nativeId: string, caller: Caller): Promise<CallSession | null> {
    if (!/^[0-9A-Fa-f]{32}$/.test(nativeId)) return null;
    const call = await this.client.getJson<TpCall>('call_history.read', `${this.options.apiBase}/call_history/${nativeId}`, caller, { missingIsNull: true });
    return call ? this.map(call) : null;
  }

  /** Sessions listed from `calls` get their cdr by id (the detail loader batches them per page). */
  async loadDetails(sessions: readonly CallSession[], caller: Caller): Promise<Array<SessionDetail | null>> {
    const details: Array<SessionDetail | null> = [];
    // One at a time: call_history by id is cheap, and Telphin's quota counts each request anyway.
    for (const session of sessions) details.push((await this.getSession(session.nativeId, caller))?.detail ?? null);
    return details;
  }

  getExtensions(nativeIds: readonly string[], caller: Caller): Promise<Array<Extension | null>> {
    return this.directory.lookup(nativeIds, caller);
  }

  listExtensions(caller: Caller): Promise<readonly Extension[]> {
    return this.directory.all(caller);
  }

  async openRecording(nativeId: string, range: string | undefined, caller: Caller): Promise<RecordingContent | null> {
    if (!/^\d{1,12}-[0-9A-Fa-f]{32}$/.test(nativeId)) return null;
    return fetchRecording(this.options.stack, 'record.read', `${this.options.apiBase}/record/${nativeId}`, range, caller);
  }

  async ping(caller: Caller): Promise<void> {
    await this.client.getJson('extension.list', `${this.options.apiBase}/extension/?page=1&per_page=1`, caller);
  }

  private async fetchPage(window: TimeWindow, order: SortOrder, page: TpPosition, resource: 'calls' | 'call_history', pushed: URLSearchParams, caller: Caller): Promise<VendorPage<TpPosition>> {
    const params = new URLSearchParams({
      // UTC, whole seconds: from rounded down and to rounded up, and a second more on each side because
      // Telphin does not say whether the ends are inclusive (vendors.md §3.3); rows outside are dropped below.
      start_datetime: gmtText(Math.floor(window.from.getTime() / 1000) * 1000 - 1000),
      end_datetime: gmtText(Math.ceil(window.to.getTime() / 1000) * 1000 + 1000),
      order: order === SortOrder.START_TIME_DESC ? 'desc' : 'asc',
      page: String(page),
      per_page: String(this.pageSize),
    });
    for (const [name, value] of pushed) params.append(name, value);
    const body = await this.client.getJson<TpCallsPage>(`${resource}.list`, `${this.options.apiBase}/${resource}/?${params}`, caller);
    const items = body?.[resource];
    if (!Array.isArray(items)) throw UpstreamUnavailableError.forAccount(this, `${resource} answered without a ${resource} list`);
    const from = window.from.getTime();
    const to = window.to.getTime();
    const rows = (await mapInSlices(items, (item) => this.map(item))).filter((s) => s.startTime.getTime() >= from && s.startTime.getTime() <= to);
    // No total count, and no published per_page maximum (vendors.md §3.7): a page shorter than the per_page
    // Telphin says it honoured is the last; without that echo, only an empty page is.
    const honoured = typeof body?.per_page === 'number' && body.per_page > 0 ? body.per_page : null;
    const last = items.length === 0 || (honoured !== null && items.length < honoured);
    return { rows, next: last ? null : page + 1 };
  }

  private async loadDirectory(caller: Caller): Promise<Extension[]> {
    const out: Extension[] = [];
    for (let page = 1; page <= 100; page++) {
      const list = await this.client.getJson<TpExtension[]>('extension.list', `${this.options.apiBase}/extension/?page=${page}&per_page=${EXTENSIONS_PER_PAGE}`, caller);
      if (!Array.isArray(list)) throw UpstreamUnavailableError.forAccount(this, 'extension list answered without a list');
      out.push(...list.map((row) => mapOrFail(this, () => mapExtension(row, this.account))));
      // The directory list echoes no per_page and Telphin may honour fewer than asked: read to an empty page.
      if (list.length === 0) break;
    }
    return out;
  }

  private map(call: TpCall): CallSession {
    return mapOrFail(this, () => mapCall(call, this.ctx));
  }

}

/** What Telphin filters itself: flow (internal calls are "out" there). */
function pushDown(filter: RowFilter): URLSearchParams {
  const params = new URLSearchParams();
  const directions = filter.directions;
  if (!directions || directions.length === 0) return params;
  const inbound = directions.includes(CallDirection.INBOUND);
  const outbound = directions.includes(CallDirection.OUTBOUND) || directions.includes(CallDirection.INTERNAL);
  if (inbound !== outbound) params.append('flow', inbound ? 'in' : 'out');
  return params;
}

function gmtText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
