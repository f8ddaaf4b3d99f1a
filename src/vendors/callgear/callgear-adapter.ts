import { RowFilter } from '../../domain/call-filter';
import { CallSession, Extension, SessionDetail } from '../../domain/call-session';
import { CallDirection } from '../../domain/enums';
import { UpstreamUnavailableError } from '../../domain/errors';
import { SortOrder } from '../../domain/ordering';
import { RepeatedSpan, formatWall } from '../../lib/zoned-time';
import { Caller } from '../../upstream/caller';
import { AccountStack } from '../../upstream/policy-stack';
import { Listing, RecordingContent, VendorAdapter } from '../adapter';
import { PositionPaging, TimeWindow, VendorPage } from '../paging-strategy';
import { mapOrFail } from '../mapping-guard';
import { fetchRecording } from '../recording-content';
import { CgPosition, CgWindows, MAX_CHUNK_MS } from './cg-windows';
import { CallGearClient } from './client';
import { CgMappingContext, WallPass, mapCallRow, mapEmployee, mapLegRows, parseRecordingNativeId } from './mapper';
import { CALLGEAR } from './provider-id';
import { CgCallRow, CgEmployeeRow, CgLegRow } from './types';

export interface CallGearAdapterOptions {
  readonly account: string;
  /** The IANA zone the CallGear account is set to. */
  readonly timeZone: string;
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
/** How much wider than a chunk a report asks (range ends are not trusted to be inclusive). */
const RANGE_MARGIN_MS = 1000;
/** How far back a lookup by id searches (CallGear's reports need a date range): the longest window Callbridge lists. */
const LOOKUP_DAYS = 366;

export class CallGearAdapter implements VendorAdapter {
  readonly provider = CALLGEAR;
  readonly account: string;
  readonly extensionBatchSize = 500;
  readonly detailBatchSize = 500;
  private readonly ctx: CgMappingContext;
  private readonly windows: CgWindows;
  private readonly pageSize: number;
  private readonly client: CallGearClient;

  constructor(private readonly options: CallGearAdapterOptions) {
    this.account = options.account;
    this.ctx = { account: options.account, zone: options.timeZone, ...(options.defaultCountry ? { defaultCountry: options.defaultCountry } : {}) };
    this.windows = new CgWindows(options.timeZone);
    this.pageSize = Math.min(MAX_LIMIT, options.pageSize ?? 1000);
    this.client = new CallGearClient(options.stack, options.endpoint);
  }

  /** Report chunks and offsets; CallGear sorts both ways itself (vendors.md §2.5), so a walk continues from any instant with one report. */
  paging(listing: Listing): PositionPaging<CgPosition> {
    const pushed = pushDown(listing.filter);
    return {
      kind: 'positions',
      identity: ['calls_report', this.pageSize, pushed],
      resumesFromInstant: true,
      first: (window, order) => this.windows.first(window, order),
      fetch: (window, order, position, caller) => this.fetchPage(window, order, position, pushed, caller),
    };
  }

  async getSession(nativeId: string, caller: Caller): Promise<CallSession | null> {
    if (!/^\d{1,20}$/.test(nativeId)) return null;
    const now = (this.options.now ?? Date.now)();
    // Newest first, one chunk at a time, until the id turns up.
    const window: TimeWindow = { from: new Date(now - LOOKUP_DAYS * 86_400_000), to: new Date(now) };
    for (let chunk: CgPosition | null = this.windows.first(window, SortOrder.START_TIME_DESC); chunk; chunk = this.windows.next(chunk, window, SortOrder.START_TIME_DESC)) {
      const { data } = await this.report<CgCallRow>('get.calls_report', chunk, { filter: { field: 'id', operator: '=', value: Number(nativeId) }, limit: 1, fields: CALL_FIELDS }, caller);
      if (data.length > 0) {
        const session = this.mapRow(data[0]!, 1);
        const [detail] = await this.loadDetails([session], caller);
        return { ...session, detail: detail ?? { legs: [], recordings: [] } };
      }
    }
    return null;
  }

  /** One get.call_legs_report for the batch: `call_session_id in [...]` over a date range covering it. */
  async loadDetails(sessions: readonly CallSession[], caller: Caller): Promise<Array<SessionDetail | null>> {
    const byId = new Map<number, CgLegRow[]>();
    for (const group of this.spanGroups(sessions)) {
      const starts = group.map((s) => s.startTime.getTime());
      const ends = group.map((s) => (s.endTime ?? s.startTime).getTime());
      // An hour's margin either side covers a repeated wall hour and legs that outlast the session's stamp.
      const chunk: CgPosition = { from: Math.min(...starts) - 3600_000, to: Math.max(...ends) + 3600_000, offset: 0 };
      const filter = { field: 'call_session_id', operator: 'in', value: group.map((s) => Number(s.nativeId)) };
      for (let offset = 0; offset <= MAX_OFFSET; offset += MAX_LIMIT) {
        const { data } = await this.report<CgLegRow>('get.call_legs_report', { ...chunk, offset }, { filter, limit: MAX_LIMIT, fields: LEG_FIELDS }, caller);
        for (const row of data) {
          const list = byId.get(row?.call_session_id) ?? [];
          list.push(row);
          byId.set(row?.call_session_id, list);
        }
        if (data.length < MAX_LIMIT) break;
      }
    }
    return sessions.map((session) => mapOrFail(this, () => mapLegRows(byId.get(Number(session.nativeId)) ?? [], session, this.ctx)));
  }

  getExtensions(nativeIds: readonly string[], caller: Caller): Promise<Array<Extension | null>> {
    return this.options.stack.reads.readMany('employee', nativeIds, caller, (ids, c) => this.loadEmployees(ids, c), this.options.directoryTtlMs);
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

  private async fetchPage(window: TimeWindow, order: SortOrder, position: CgPosition, pushed: PushedFilter, caller: Caller): Promise<VendorPage<CgPosition>> {
    const span = this.windows.repeatedSpanOf(position);
    if (span) return this.fetchRepeatedHour(window, order, position, span, pushed, caller);
    const sort = [{ field: 'start_time', order: order === SortOrder.START_TIME_DESC ? 'desc' : 'asc' }];
    const { data } = await this.report<CgCallRow>('get.calls_report', position, { sort, limit: this.pageSize, fields: CALL_FIELDS, ...pushed }, caller);
    let rows = data.map((row) => this.mapRow(row, 1)).filter((s) => inside(s, position));
    if (data.length < this.pageSize) return { rows, next: this.windows.next(position, window, order), continues: 'range' };
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
  private async fetchRepeatedHour(window: TimeWindow, order: SortOrder, position: CgPosition, span: RepeatedSpan, pushed: PushedFilter, caller: Caller): Promise<VendorPage<CgPosition>> {
    const whole: CgPosition = { from: span.from, to: span.to - 1, offset: 0 };
    const sessions: CallSession[] = [];
    let pass: WallPass = 1;
    let previousWall: string | null = null;
    for (let offset = 0; offset <= MAX_OFFSET; offset += MAX_LIMIT) {
      const { data } = await this.report<CgCallRow>('get.calls_report', { ...whole, offset }, { sort: [{ field: 'start_time', order: 'asc' }], limit: MAX_LIMIT, fields: CALL_FIELDS, ...pushed }, caller);
      for (const row of data) {
        if (previousWall !== null && typeof row?.start_time === 'string' && row.start_time < previousWall) pass = 2;
        const session = this.mapRow(row, pass);
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
    return { rows, next: this.windows.next(position, window, order), continues: 'whole' };
  }

  private report<T>(method: string, chunk: CgPosition, params: Record<string, unknown>, caller: Caller) {
    return this.client.read<T>(method, {
      // Wall times in the account's zone, no offset, whole seconds (vendors.md §2.2). Whether the ends are
      // inclusive is not documented: ask a second wider; rows outside the chunk are dropped where they are read.
      date_from: formatWall(chunk.from - RANGE_MARGIN_MS, this.options.timeZone),
      date_till: formatWall(chunk.to + RANGE_MARGIN_MS, this.options.timeZone),
      offset: chunk.offset,
      ...params,
    }, caller);
  }

  private mapRow(row: CgCallRow, pass: WallPass): CallSession {
    return mapOrFail(this, () => mapCallRow(row, this.ctx, pass));
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
