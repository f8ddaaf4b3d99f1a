import { RowFilter } from '../../domain/call-filter';
import { CallSession, Extension, SessionDetail } from '../../domain/call-session';
import { CallDirection } from '../../domain/enums';
import { UpstreamUnavailableError } from '../../domain/errors';
import { SortOrder } from '../../domain/ordering';
import { logEvent } from '../../lib/logger';
import { RepeatedSpan, formatWall, isValidTimeZone } from '../../lib/zoned-time';
import { Caller } from '../../upstream/caller';
import { AccountStack } from '../../upstream/policy-stack';
import { Listing, RecordingContent, VendorAdapter } from '../adapter';
import { PositionPaging, TimeWindow, VendorPage } from '../paging-strategy';
import { mapOrFail } from '../mapping-guard';
import { mapInSlices } from '../../lib/map-in-slices';
import { fetchRecording } from '../recording-content';
import { CgPosition, CgWindows, MAX_CHUNK_MS } from './cg-windows';
import { ChunkLegs, coveredLegs, legRangeOf } from './cg-page-legs';
import { CallGearClient } from './client';
import { CgMappingContext, WallPass, mapCallRow, mapEmployee, mapLegRows, parseRecordingNativeId } from './mapper';
import { CALLGEAR } from './provider-id';
import { CgCallRow, CgEmployeeRow, CgLegRow } from './types';

export interface CallGearAdapterOptions {
  readonly account: string;
  /** The zone the configuration names, if any: checked against the account's own (get.account), which wins. */
  readonly configuredTimeZone?: string;
  readonly defaultCountry?: string;
  /** Base of recording links (https://app.callgear.com in production). */
  readonly mediaBaseUrl: string;
  /** The account's policy stack. */
  readonly stack: AccountStack;
  /** The JSON-RPC endpoint (…/v2.0). */
  readonly endpoint: string;
  readonly directoryTtlMs: number;
  /** Rows per report request (default 1000, CallGear's default; at most 10 000). */
  readonly pageSize?: number;
  readonly now?: () => number;
}

/** Only the fields the mapper reads (vendors.md §2.5: `fields` names what to return). */
const CALL_FIELDS = ['id', 'start_time', 'finish_time', 'finish_reason', 'direction', 'is_lost', 'communication_id', 'contact_phone_number', 'contact_full_name', 'virtual_phone_number', 'wait_duration', 'talk_duration', 'total_duration', 'call_records', 'voice_mail_records', 'employees', 'last_answered_employee_id'];
const LEG_FIELDS = ['id', 'call_session_id', 'call_records', 'start_time', 'connect_time', 'duration', 'total_duration', 'finish_reason', 'calling_phone_number', 'called_phone_number', 'virtual_phone_number', 'direction', 'is_transfered', 'is_operator', 'employee_id', 'is_talked', 'group_id', 'contact_phone_number'];
const EMPLOYEE_FIELDS = ['id', 'full_name', 'email', 'extension'];
const MAX_OFFSET = 100_000;
const MAX_LIMIT = 10_000;
/** Employees read per get.employees page when the whole directory is listed. */
const DIRECTORY_PAGE = 1000;
/** How much wider than a chunk a report asks (range ends are not trusted to be inclusive). */
const RANGE_MARGIN_MS = 1000;
/** Legs read beside a page of sessions, per session the page may hold (the sandbox averages 2.25 a call; sessions past a cut answer keep the detail loader). */
const LEGS_PER_SESSION_READ = 3;
/** How far back a lookup by id searches (CallGear's reports need a date range): the longest window Callbridge lists. */
const LOOKUP_DAYS = 366;

/** What reading the account in its zone takes: the zone, the mapping context and the report windows. */
interface ZoneView {
  readonly zone: string;
  readonly ctx: CgMappingContext;
  readonly windows: CgWindows;
}

export class CallGearAdapter implements VendorAdapter {
  readonly provider = CALLGEAR;
  readonly account: string;
  readonly defaultCountry: string | undefined;
  readonly extensionBatchSize = 500;
  readonly detailBatchSize = 500;
  /** get.calls_report names a session's records (call_records, vendors.md §2.5). */
  readonly listsRecordings = true;
  private readonly pageSize: number;
  private readonly client: CallGearClient;
  private readonly views = new Map<string, ZoneView>();
  /** Zones already found to disagree with the configuration (warned once each). */
  private readonly warned = new Set<string>();

  constructor(private readonly options: CallGearAdapterOptions) {
    this.account = options.account;
    this.defaultCountry = options.defaultCountry;
    this.pageSize = Math.min(MAX_LIMIT, options.pageSize ?? 1000);
    this.client = new CallGearClient(options.stack, options.endpoint);
  }

  /** Report chunks and offsets; CallGear sorts both ways itself (vendors.md §2.5), so a walk continues from any instant with one report. */
  async paging(listing: Listing, caller: Caller): Promise<PositionPaging<CgPosition>> {
    const view = await this.view(caller);
    const pushed = pushDown(listing.filter);
    return {
      kind: 'positions',
      // A page read with its legs is kept apart from one read without.
      identity: ['calls_report', view.zone, this.pageSize, pushed, listing.withDetail],
      resumesFromInstant: true,
      first: (window, order) => view.windows.first(window, order),
      fetch: (window, order, position, c) => this.fetchPage(view, window, order, position, pushed, listing.withDetail, c),
    };
  }

  async getSession(nativeId: string, caller: Caller): Promise<CallSession | null> {
    if (!/^\d{1,20}$/.test(nativeId)) return null;
    const view = await this.view(caller);
    const now = (this.options.now ?? Date.now)();
    // Newest first, one chunk at a time, until the id turns up.
    const window: TimeWindow = { from: new Date(now - LOOKUP_DAYS * 86_400_000), to: new Date(now) };
    for (let chunk: CgPosition | null = view.windows.first(window, SortOrder.START_TIME_DESC); chunk; chunk = view.windows.next(chunk, window, SortOrder.START_TIME_DESC)) {
      const { data } = await this.report<CgCallRow>(view, 'get.calls_report', chunk, { filter: { field: 'id', operator: '=', value: Number(nativeId) }, limit: 1, fields: CALL_FIELDS }, caller);
      if (data.length > 0) {
        const session = this.mapRow(view, data[0]!, 1);
        const [detail] = await this.loadDetails([session], caller);
        return { ...session, detail: detail ?? { legs: [], recordings: [] } };
      }
    }
    return null;
  }

  /** One get.call_legs_report for the batch: `call_session_id in [...]` over a date range covering it. */
  async loadDetails(sessions: readonly CallSession[], caller: Caller): Promise<Array<SessionDetail | null>> {
    const view = await this.view(caller);
    const byId = new Map<number, CgLegRow[]>();
    for (const group of this.spanGroups(sessions)) {
      const starts = group.map((s) => s.startTime.getTime());
      const ends = group.map((s) => (s.endTime ?? s.startTime).getTime());
      // An hour's margin either side covers a repeated wall hour and legs that outlast the session's stamp.
      const chunk: CgPosition = { from: Math.min(...starts) - 3600_000, to: Math.max(...ends) + 3600_000, offset: 0 };
      const filter = { field: 'call_session_id', operator: 'in', value: group.map((s) => Number(s.nativeId)) };
      for (let offset = 0; offset <= MAX_OFFSET; offset += MAX_LIMIT) {
        const { data } = await this.report<CgLegRow>(view, 'get.call_legs_report', { ...chunk, offset }, { filter, limit: MAX_LIMIT, fields: LEG_FIELDS }, caller);
        for (const row of data) {
          const list = byId.get(row?.call_session_id) ?? [];
          list.push(row);
          byId.set(row?.call_session_id, list);
        }
        if (data.length < MAX_LIMIT) break;
      }
    }
    return sessions.map((session) => mapOrFail(this, () => mapLegRows(byId.get(Number(session.nativeId)) ?? [], session, view.ctx)));
  }

  getExtensions(nativeIds: readonly string[], caller: Caller): Promise<Array<Extension | null>> {
    return this.options.stack.reads.readMany('employee', nativeIds, caller, (ids, c) => this.loadEmployees(ids, c), this.options.directoryTtlMs);
  }

  /** Every employee, page by page: CallGear has no directory call, only get.employees with offsets (vendors.md §2.7). */
  listExtensions(caller: Caller): Promise<readonly Extension[]> {
    return this.options.stack.reads.read('directory', 'all', caller, (c) => this.loadDirectory(c), { ttlMs: this.options.directoryTtlMs });
  }

  async openRecording(nativeId: string, range: string | undefined, caller: Caller): Promise<RecordingContent | null> {
    const id = parseRecordingNativeId(nativeId);
    if (!id) return null;
    // Talk records are public by link (vendors.md §2.8): no key goes with the request.
    return fetchRecording(this.options.stack, 'media.talk', `${this.options.mediaBaseUrl}/system/media/talk/${id.communicationId}/${id.record}/`, range, caller);
  }

  async ping(caller: Caller): Promise<void> {
    await this.client.read('get.employees', { limit: 1, fields: ['id'] }, caller);
  }

  /**
   * The account's zone, as CallGear reports it (get.account, kept like the directory): every datetime of the
   * Data API is wall time there (vendors.md §2.9). It wins over a configured zone, which is only checked.
   */
  private async view(caller: Caller): Promise<ZoneView> {
    const zone = await this.options.stack.reads.read('account', 'timezone', caller, (c) => this.readZone(c), { ttlMs: this.options.directoryTtlMs });
    let view = this.views.get(zone);
    if (!view) {
      view = { zone, ctx: { account: this.account, zone, ...(this.options.defaultCountry ? { defaultCountry: this.options.defaultCountry } : {}) }, windows: new CgWindows(zone) };
      this.views.set(zone, view);
    }
    return view;
  }

  private async readZone(caller: Caller): Promise<string> {
    const { data } = await this.client.read<{ timezone?: unknown }>('get.account', {}, caller);
    const zone = data[0]?.timezone;
    if (typeof zone !== 'string' || !isValidTimeZone(zone)) throw UpstreamUnavailableError.forAccount(this, 'get.account answered without a valid IANA timezone');
    const configured = this.options.configuredTimeZone;
    if (configured !== undefined && configured !== zone && !this.warned.has(zone)) {
      this.warned.add(zone);
      logEvent('warn', 'callgear.timezone_mismatch', { account: this.account, configured, reported: zone, reason: "the configured timeZone differs from the account's; CallGear's own zone is used" });
    }
    return zone;
  }

  private async fetchPage(view: ZoneView, window: TimeWindow, order: SortOrder, position: CgPosition, pushed: PushedFilter, withDetail: boolean, caller: Caller): Promise<VendorPage<CgPosition>> {
    const span = view.windows.repeatedSpanOf(position);
    if (span) return this.fetchRepeatedHour(view, window, order, position, span, pushed, caller);
    // A chunk's first page reads its legs at the same time (a walk resumes every page at a chunk's start).
    const [{ data }, legs] = await Promise.all([
      this.report<CgCallRow>(view, 'get.calls_report', position, { sort: byStartTime(order), limit: this.pageSize, fields: CALL_FIELDS, ...pushed }, caller),
      withDetail && position.offset === 0 ? this.chunkLegs(view, position, order, caller) : null,
    ]);
    let rows = (await mapInSlices(data, (row) => this.mapRow(view, row, 1))).filter((s) => inside(s, position));
    if (legs) rows = await this.withLegs(view, rows, legs);
    if (data.length < this.pageSize) {
      // The chunk is read through its far end, whatever the next one holds.
      return { rows, next: view.windows.next(position, window, order), continues: 'range', reached: order === SortOrder.START_TIME_DESC ? position.from : position.to };
    }
    const offset = position.offset + data.length;
    if (offset <= MAX_OFFSET) return { rows, next: { ...position, offset } };
    // The offset cap: start a new chunk at the last instant read, and leave that instant's rows to it.
    const last = rows[rows.length - 1]!.startTime.getTime();
    rows = rows.filter((s) => s.startTime.getTime() !== last);
    if (rows.length === 0) throw UpstreamUnavailableError.forAccount(this, `more than ${this.pageSize} calls share the instant ${new Date(last).toISOString()}`);
    const next = order === SortOrder.START_TIME_DESC ? { from: position.from, to: last, offset: 0 } : { from: last, to: position.to, offset: 0 };
    return { rows, next, continues: 'range' };
  }

  /**
   * The hour that repeats when clocks go back is read whole, oldest first: CallGear lists it in time order,
   * so a wall time that steps back marks the second pass (see resolveStart for the rows that say it themselves).
   */
  private async fetchRepeatedHour(view: ZoneView, window: TimeWindow, order: SortOrder, position: CgPosition, span: RepeatedSpan, pushed: PushedFilter, caller: Caller): Promise<VendorPage<CgPosition>> {
    const whole: CgPosition = { from: span.from, to: span.to - 1, offset: 0 };
    const sessions: CallSession[] = [];
    let pass: WallPass = 1;
    let previousWall: string | null = null;
    for (let offset = 0; offset <= MAX_OFFSET; offset += MAX_LIMIT) {
      const { data } = await this.report<CgCallRow>(view, 'get.calls_report', { ...whole, offset }, { sort: byStartTime(SortOrder.START_TIME_ASC), limit: MAX_LIMIT, fields: CALL_FIELDS, ...pushed }, caller);
      for (const row of data) {
        if (previousWall !== null && typeof row?.start_time === 'string' && row.start_time < previousWall) pass = 2;
        const session = this.mapRow(view, row, pass);
        if (session.startTime.getTime() >= span.change) pass = 2;
        previousWall = row.start_time;
        sessions.push(session);
      }
      if (data.length < MAX_LIMIT) break;
    }
    const rows = sessions
      .filter((s) => inside(s, position))
      .sort((x, y) => (order === SortOrder.START_TIME_DESC ? y.startTime.getTime() - x.startTime.getTime() : x.startTime.getTime() - y.startTime.getTime()));
    // The repeated hour is read whole: continuing from an instant inside it would read it again.
    return { rows, next: view.windows.next(position, window, order), continues: 'whole' };
  }

  /**
   * The legs of a chunk, read beside its sessions (cg-page-legs.ts). A failure here does not fail the page:
   * its sessions keep no detail, and the detail loader asks again for the ones a client selects legs of.
   */
  private async chunkLegs(view: ZoneView, position: CgPosition, order: SortOrder, caller: Caller): Promise<ChunkLegs | null> {
    const range = legRangeOf(position);
    const limit = Math.min(MAX_LIMIT, this.pageSize * LEGS_PER_SESSION_READ);
    try {
      const { data } = await this.report<CgLegRow>(view, 'get.call_legs_report', { from: range.from, to: range.to, offset: 0 }, { sort: byStartTime(order), limit, fields: LEG_FIELDS }, caller);
      return { ...range, order, rows: data, cut: data.length >= limit };
    } catch (error) {
      if (caller.signal.aborted) throw error;
      return null;
    }
  }

  /**
   * The sessions whose legs the chunk's legs hold in full, with their detail. A leg row the mapper refuses
   * leaves its session without detail: the detail loader then reports it on that session's legs alone.
   */
  private withLegs(view: ZoneView, sessions: CallSession[], legs: ChunkLegs): Promise<CallSession[]> {
    const covered = coveredLegs(sessions, legs, view.zone);
    return mapInSlices(sessions, (session) => {
      const rows = covered.get(session.nativeId);
      if (!rows) return session;
      try {
        return { ...session, detail: mapLegRows(rows, session, view.ctx) };
      } catch {
        return session;
      }
    });
  }

  private report<T>(view: ZoneView, method: string, chunk: CgPosition, params: Record<string, unknown>, caller: Caller) {
    return this.client.read<T>(method, {
      // Wall times in the account's zone, no offset, whole seconds (vendors.md §2.2). Whether the ends are
      // inclusive is not documented: ask a second wider; rows outside the chunk are dropped where they are read.
      date_from: formatWall(chunk.from - RANGE_MARGIN_MS, view.zone),
      date_till: formatWall(chunk.to + RANGE_MARGIN_MS, view.zone),
      offset: chunk.offset,
      ...params,
    }, caller);
  }

  private mapRow(view: ZoneView, row: CgCallRow, pass: WallPass): CallSession {
    return mapOrFail(this, () => mapCallRow(row, view.ctx, pass));
  }

  /** Sessions in groups whose time span fits one report. */
  private spanGroups(sessions: readonly CallSession[]): CallSession[][] {
    const sorted = [...sessions].sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    const groups: CallSession[][] = [];
    for (const session of sorted) {
      const group = groups[groups.length - 1];
      if (group && session.startTime.getTime() - group[0]!.startTime.getTime() < MAX_CHUNK_MS - 4 * 3600_000) group.push(session);
      else groups.push([session]);
    }
    return groups;
  }

  private async loadDirectory(caller: Caller): Promise<Extension[]> {
    const out: Extension[] = [];
    // A short page does not say the list ended (the simulator is as terse as the vendor): read until an empty one.
    for (let offset = 0, page = 0; page < 100; page++) {
      const { data } = await this.client.read<CgEmployeeRow>('get.employees', { limit: DIRECTORY_PAGE, offset, fields: EMPLOYEE_FIELDS }, caller);
      if (data.length === 0) return out;
      for (const row of data) out.push(mapOrFail(this, () => mapEmployee(row, this.account)));
      offset += data.length;
    }
    throw UpstreamUnavailableError.forAccount(this, 'the employee list did not end after 100 pages');
  }

  private async loadEmployees(ids: string[], caller: Caller): Promise<Map<string, Extension>> {
    const numeric = ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
    const found = new Map<string, Extension>();
    if (numeric.length === 0) return found;
    const { data } = await this.client.read<CgEmployeeRow>('get.employees', { filter: { field: 'id', operator: 'in', value: numeric }, limit: MAX_LIMIT, fields: EMPLOYEE_FIELDS }, caller);
    for (const row of data) {
      const ext = mapOrFail(this, () => mapEmployee(row, this.account));
      found.set(ext.nativeId, ext);
    }
    return found;
  }

}

/** A report's `sort` by start time in the walk's order (vendors.md §2.5: start_time is sortable both ways). */
const byStartTime = (order: SortOrder) => [{ field: 'start_time', order: order === SortOrder.START_TIME_DESC ? 'desc' : 'asc' }];

const inside = (session: CallSession, chunk: CgPosition): boolean => session.startTime.getTime() >= chunk.from && session.startTime.getTime() <= chunk.to;

/** What a report is asked to filter itself. */
type PushedFilter = { readonly filter?: unknown };

/** What CallGear filters itself: direction (internal calls are "out" there). */
function pushDown(filter: RowFilter): PushedFilter {
  const directions = filter.directions;
  if (!directions || directions.length === 0) return {};
  const inbound = directions.includes(CallDirection.INBOUND);
  const outbound = directions.includes(CallDirection.OUTBOUND) || directions.includes(CallDirection.INTERNAL);
  if (inbound === outbound) return {};
  return { filter: { field: 'direction', operator: '=', value: inbound ? 'in' : 'out' } };
}
