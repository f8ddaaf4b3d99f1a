import { RowFilter } from '../../domain/call-filter';
import { CallSession, Extension, SessionDetail } from '../../domain/call-session';
import { CallDirection } from '../../domain/enums';
import { MAX_WINDOW_DAYS } from '../../domain/window';
import { UpstreamUnavailableError } from '../../domain/errors';
import { Caller } from '../../upstream/caller';
import { AccountStack } from '../../upstream/policy-stack';
import { Listing, RecordingContent, RecordingFacts, VendorAdapter, VendorChangeFeed } from '../adapter';
import { DirectoryCache } from '../directory-cache';
import { NewestFirstPages, NumberedPage, TimeWindow } from '../paging-strategy';
import { mapOrFail } from '../mapping-guard';
import { mapInSlices } from '../../lib/map-in-slices';
import { fetchRecording } from '../recording-content';
import { RingCentralClient } from './client';
import { RcMappingContext, mapCallLogRecord, mapExtension, mapRecordingFacts } from './mapper';
import { RcCallLogSync } from './call-log-sync';
import { RINGCENTRAL } from './provider-id';
import { foldCallRecords } from './session-fold';
import { RcCallLogRecord, RcExtensionRecord, RcListResponse, RcRecordingResource } from './types';

export interface RingCentralAdapterOptions {
  readonly account: string;
  readonly baseUrl: string;
  readonly mediaBaseUrl: string;
  /** The account's policy stack (the client reads through it; recordings stream through it). */
  readonly stack: AccountStack;
  /** Read the company call log (null), or this extension's call log. */
  readonly extensionId: string | null;
  readonly defaultCountry?: string;
  readonly directoryTtlMs: number;
  /** Follow changes through Call Log Sync (default true); false where the account may not use it. */
  readonly callLogSync?: boolean;
}

/** The largest pages the views allow (vendors.md §1.3): 1000 records Simple, 250 Detailed. */
const PER_PAGE = { Simple: 1000, Detailed: 250 } as const;
/** Bulk reads take at most 50 call-log ids (vendors.md §1.7). */
const BULK_LIMIT = 50;
const EXTENSIONS_PER_PAGE = 1000;
/** How much wider than the window a list asks (range ends are not trusted to be inclusive). */
const RANGE_MARGIN_MS = 1000;
/** How far back a read by telephony session looks: the longest window a walk may ask for (domain/window.ts). */
const LOOKUP_MS = MAX_WINDOW_DAYS * 86_400_000;
/** A recording's length and format never change: kept a day, so each costs one Heavy request a day at most. */
const RECORDING_FACTS_TTL_MS = 86_400_000;

type View = keyof typeof PER_PAGE;

export class RingCentralAdapter implements VendorAdapter {
  readonly provider = RINGCENTRAL;
  readonly account: string;
  readonly defaultCountry: string | undefined;
  readonly extensionBatchSize = 1000;
  readonly detailBatchSize = BULK_LIMIT;
  /** A Simple record carries its recording (vendors.md §1.4). */
  readonly listsRecordings = true;
  private readonly ctx: RcMappingContext;
  private readonly client: RingCentralClient;
  private readonly directory: DirectoryCache;
  readonly changeFeed?: VendorChangeFeed;

  constructor(private readonly options: RingCentralAdapterOptions) {
    this.account = options.account;
    this.defaultCountry = options.defaultCountry;
    this.ctx = { account: options.account, ...(options.defaultCountry ? { defaultCountry: options.defaultCountry } : {}) };
    this.client = new RingCentralClient(options.stack);
    this.directory = new DirectoryCache(options.stack.reads, (caller) => this.loadDirectory(caller), options.directoryTtlMs);
    if (options.callLogSync !== false) {
      this.changeFeed = new RcCallLogSync(options.stack, `${this.logUrl()}-sync`, (record) => {
        const session = this.map(record);
        return { nativeId: session.nativeId, startTime: session.startTime.getTime() };
      }, this);
    }
  }

  /** RingCentral lists its call log newest first only, by page number (vendors.md §1.3). */
  paging(listing: Listing): NewestFirstPages {
    const view: View = listing.withDetail ? 'Detailed' : 'Simple';
    const pushed = pushDown(listing.filter);
    return {
      kind: 'newest-first-pages',
      identity: [this.options.extensionId, view, pushed.toString()],
      // One call's records, one per extension, share a telephony session: one session (session-fold.ts).
      fold: foldCallRecords,
      fetch: (window, page, caller) => this.listPage(window, view, pushed, page, caller),
    };
  }

  /**
   * A session is named by its telephony session (mapper.ts): its records are read by that id from the call log,
   * in one request. A session whose record had none is named by the record's id, read by id.
   */
  async getSession(nativeId: string, caller: Caller): Promise<CallSession | null> {
    const records = nativeId.startsWith('s-') ? await this.recordsOfCall(nativeId, caller) : [...(await this.recordsById([nativeId], caller)).values()];
    const sessions = records.map((record) => this.map(record)).filter((session) => session.nativeId === nativeId);
    return sessions.length > 0 ? sessions.reduce(foldCallRecords) : null;
  }

  /** The legs of every record each session folds, read by record id in bulk. */
  async loadDetails(sessions: readonly CallSession[], caller: Caller): Promise<Array<SessionDetail | null>> {
    const idsOf = (session: CallSession): readonly string[] => session.recordIds ?? [session.nativeId];
    const records = await this.recordsById([...new Set(sessions.flatMap(idsOf))], caller);
    return sessions.map((session) => {
      const found = idsOf(session).flatMap((id) => (records.has(id) ? [this.map(records.get(id)!)] : []));
      return found.length > 0 ? found.reduce(foldCallRecords).detail : null;
    });
  }

  getExtensions(nativeIds: readonly string[], caller: Caller): Promise<Array<Extension | null>> {
    return this.directory.lookup(nativeIds, caller);
  }

  listExtensions(caller: Caller): Promise<readonly Extension[]> {
    return this.directory.all(caller);
  }

  openRecording(nativeId: string, range: string | undefined, caller: Caller): Promise<RecordingContent | null> {
    // Content comes from the media host only (vendors.md §1.5 / RCD media.md), with the bearer token.
    return fetchRecording(this.options.stack, 'recording.content', `${this.options.mediaBaseUrl}/restapi/v1.0/account/~/recording/${encodeURIComponent(nativeId)}/content`, range, caller);
  }

  /** One Heavy read of the recording resource per recording not kept yet; an unknown id is null (404 CMN-102). */
  describeRecordings(nativeIds: readonly string[], caller: Caller): Promise<Array<RecordingFacts | null>> {
    const account = { provider: this.provider, account: this.account };
    const read = async (id: string, caller: Caller): Promise<RecordingFacts | null> => {
      const url = `${this.options.baseUrl}/restapi/v1.0/account/~/recording/${encodeURIComponent(id)}`;
      const response = await this.options.stack.send<RcRecordingResource>({ operation: 'recording.metadata', url, headers: { accept: 'application/json' }, answerStatuses: [404] }, caller);
      return response.status === 404 ? null : mapOrFail(account, () => mapRecordingFacts(response.data));
    };
    return this.options.stack.reads.readMany(
      'recording.metadata',
      nativeIds,
      caller,
      async (ids, caller) => {
        const found = await Promise.all(ids.map((id) => read(id, caller)));
        return new Map(ids.flatMap((id, i) => (found[i] ? [[id, found[i]] as const] : [])));
      },
      RECORDING_FACTS_TTL_MS,
    );
  }

  async ping(caller: Caller): Promise<void> {
    await this.client.getJson('extension.read', `${this.options.baseUrl}/restapi/v1.0/account/~/extension/~`, caller);
  }

  private async listPage(window: TimeWindow, view: View, pushed: URLSearchParams, page: number, caller: Caller): Promise<NumberedPage> {
    const params = new URLSearchParams({
      // Explicit offsets: RingCentral reads ISO-8601 with a zone (vendors.md §1.3). Whether dateFrom and dateTo
      // are inclusive is not documented (vendors.md §1.10): ask a second wider and keep the window below.
      dateFrom: new Date(window.from.getTime() - RANGE_MARGIN_MS).toISOString(),
      dateTo: new Date(window.to.getTime() + RANGE_MARGIN_MS).toISOString(),
      view,
      perPage: String(PER_PAGE[view]),
      page: String(page),
    });
    for (const [name, value] of pushed) params.set(name, value);
    const response = await this.client.getJson<RcListResponse<RcCallLogRecord>>('call-log.list', `${this.logUrl()}?${params}`, caller);
    if (!Array.isArray(response?.records)) throw UpstreamUnavailableError.forAccount(this, 'call-log answered without records');
    const [from, to] = [window.from.getTime(), window.to.getTime()];
    return {
      rows: (await mapInSlices(response.records, (record) => this.map(record))).filter((s) => s.startTime.getTime() >= from && s.startTime.getTime() <= to),
      // Only navigation.nextPage says more follow: call-log pages carry no totals (vendors.md §1.10).
      nextPage: response.navigation?.nextPage ? pageParam(response.navigation.nextPage.uri) : null,
    };
  }

  /** Records by id, Detailed, in bulk reads of at most 50 ids; an id RingCentral does not have is absent. */
  private async recordsById(ids: readonly string[], caller: Caller): Promise<Map<string, RcCallLogRecord>> {
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += BULK_LIMIT) chunks.push(ids.slice(i, i + BULK_LIMIT));
    const found = new Map<string, RcCallLogRecord>();
    const answers = await Promise.all(chunks.map((chunk) => this.client.getBulk('call-log.read', this.recordsUrl(chunk), chunk, caller)));
    answers.forEach((parts, c) => parts.forEach((part, i) => part.status === 200 && found.set(chunks[c]![i]!, part.body as RcCallLogRecord)));
    return found;
  }

  /** Every record of one call: the call log filtered by telephonySessionId (vendors.md §1.3). */
  private async recordsOfCall(telephonySessionId: string, caller: Caller): Promise<RcCallLogRecord[]> {
    const now = Date.now();
    const params = new URLSearchParams({
      telephonySessionId,
      view: 'Detailed',
      perPage: String(PER_PAGE.Detailed),
      dateFrom: new Date(now - LOOKUP_MS).toISOString(),
      dateTo: new Date(now).toISOString(),
    });
    const response = await this.client.getJson<RcListResponse<RcCallLogRecord>>('call-log.read', `${this.logUrl()}?${params}`, caller);
    if (!Array.isArray(response?.records)) throw UpstreamUnavailableError.forAccount(this, 'call-log answered without records');
    return response.records;
  }

  private logUrl(): string {
    const level = this.options.extensionId === null ? '' : `/extension/${encodeURIComponent(this.options.extensionId)}`;
    return `${this.options.baseUrl}/restapi/v1.0/account/~${level}/call-log`;
  }

  private recordsUrl(ids: readonly string[]): string {
    return `${this.logUrl()}/${ids.map(encodeURIComponent).join(',')}?view=Detailed`;
  }

  private async loadDirectory(caller: Caller): Promise<Extension[]> {
    const out: Extension[] = [];
    for (let page = 1; page <= 100; page++) {
      const url = `${this.options.baseUrl}/restapi/v1.0/account/~/extension?perPage=${EXTENSIONS_PER_PAGE}&page=${page}`;
      const response = await this.client.getJson<RcListResponse<RcExtensionRecord>>('extension.list', url, caller);
      if (!Array.isArray(response?.records)) throw UpstreamUnavailableError.forAccount(this, 'extension list answered without records');
      out.push(...response.records.map((r) => mapOrFail(this, () => mapExtension(r, this.account))));
      if (!response.navigation?.nextPage) break;
    }
    return out;
  }

  private map(record: RcCallLogRecord): CallSession {
    return mapOrFail(this, () => mapCallLogRecord(record, this.ctx));
  }

}

/** What RingCentral filters itself (vendors.md §1.3); internal calls are Outbound there. */
function pushDown(filter: RowFilter): URLSearchParams {
  const params = new URLSearchParams();
  const wanted = new Set((filter.directions ?? []).map((d) => (d === CallDirection.INBOUND ? 'Inbound' : 'Outbound')));
  if (wanted.size === 1) params.set('direction', [...wanted][0]!);
  if (filter.phoneNumber) params.set('phoneNumber', filter.phoneNumber.replace(/^\+/, ''));
  if (filter.hasRecording === true) params.set('recordingType', 'All');
  return params;
}

function pageParam(uri: string): number | null {
  const page = Number(new URL(uri, 'http://x').searchParams.get('page'));
  return Number.isInteger(page) && page >= 1 ? page : null;
}
