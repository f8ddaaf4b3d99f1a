import { CallSession, Extension, RecordingRef, SessionDetail } from '../../domain/call-session';
import { CallDirection, Provider } from '../../domain/enums';
import { UpstreamUnavailableError } from '../../domain/errors';
import { SortOrder } from '../../domain/ordering';
import { RepeatedSpan, formatWall } from '../../lib/zoned-time';
import { recordingContent, streamGet } from '../../upstream/stream-get';
import { UpstreamHttp } from '../../upstream/upstream-http';
import { ListSessionsRequest, ListSessionsResult, RecordingContent, TimeWindow, VendorAdapter } from '../adapter';
import { VendorPage, keysetScan } from '../keyset-scan';
import { sharedPaging } from '../shared-paging';
import { SharedReads } from '../../upstream/shared-reads';
import { CgPosition, CgWindows, MAX_CHUNK_MS } from './cg-windows';
import { CallGearClient } from './client';
import { CgMappingContext, CgMappingError, WallPass, mapCallRow, mapEmployee, mapLegRows, parseRecordingNativeId, sessionRecordings } from './mapper';
import { CgCallRow, CgEmployeeRow, CgLegRow } from './types';

export interface CallGearAdapterOptions {
  readonly account: string;
  /** The IANA zone the CallGear account is set to. */
  readonly timeZone: string;
  readonly defaultCountry?: string;
  /** Base of recording links (https://app.callgear.com in production). */
  readonly mediaBaseUrl: string;
  readonly client: CallGearClient;
  /** For recording content, which is public by link (no key). */
  readonly http: UpstreamHttp;
  readonly directoryTtlMs: number;
  /** This account's shared reads (list pages, employees). */
  readonly reads: SharedReads;
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
/** How far back a lookup by id searches (CallGear's reports need a date range): the longest window Callbridge lists. */
const LOOKUP_DAYS = 366;

export class CallGearAdapter implements VendorAdapter {
  readonly provider = Provider.CALLGEAR;
  readonly account: string;
  readonly extensionBatchSize = 500;
  readonly detailBatchSize = 500;
  private readonly ctx: CgMappingContext;
  private readonly windows: CgWindows;
  private readonly pageSize: number;
  /** The session-level recordings of listed sessions, until their legs are loaded (keyed by the row object). */
  private readonly ownRecordings = new WeakMap<CallSession, RecordingRef[]>();

  constructor(private readonly options: CallGearAdapterOptions) {
    this.account = options.account;
    this.ctx = { account: options.account, zone: options.timeZone, ...(options.defaultCountry ? { defaultCountry: options.defaultCountry } : {}) };
    this.windows = new CgWindows(options.timeZone);
    this.pageSize = Math.min(MAX_LIMIT, options.pageSize ?? 1000);
  }

  listSessions(request: ListSessionsRequest): Promise<ListSessionsResult> {
    const paging = {
      // CallGear sorts both ways itself (vendors.md §2.5): a walk continues from any instant with one report.
      anchored: true,
      first: (window: TimeWindow) => this.windows.first(window, request.order),
      fetch: (window: TimeWindow, order: SortOrder, position: CgPosition, signal: AbortSignal) => this.fetchPage(window, order, position, request, signal),
    };
    return keysetScan<CgPosition>(request, sharedPaging(paging, this.options.reads, ['calls_report', this.pageSize, this.pushDown(request)]));
  }

  async getSession(nativeId: string, signal: AbortSignal): Promise<CallSession | null> {
    if (!/^\d{1,20}$/.test(nativeId)) return null;
    const now = (this.options.now ?? Date.now)();
    // Newest first, one chunk at a time, until the id turns up.
    const window: TimeWindow = { from: new Date(now - LOOKUP_DAYS * 86_400_000), to: new Date(now) };
    for (let chunk: CgPosition | null = this.windows.first(window, SortOrder.START_TIME_DESC); chunk; chunk = this.windows.next(chunk, window, SortOrder.START_TIME_DESC)) {
      const { data } = await this.report<CgCallRow>('get.calls_report', chunk, { filter: { field: 'id', operator: '=', value: Number(nativeId) }, limit: 1, fields: CALL_FIELDS }, signal);
      if (data.length > 0) {
        const session = this.mapRow(data[0]!, 1);
        const [detail] = await this.loadDetails([session], signal);
        return { ...session, detail: detail ?? { legs: [], recordings: [] } };
      }
    }
    return null;
  }

  /** One get.call_legs_report for the batch: `call_session_id in [...]` over a date range covering it. */
  async loadDetails(sessions: readonly CallSession[], signal: AbortSignal): Promise<Array<SessionDetail | null>> {
    const byId = new Map<number, CgLegRow[]>();
    for (const group of this.spanGroups(sessions)) {
      const starts = group.map((s) => s.startTime.getTime());
      const ends = group.map((s) => (s.endTime ?? s.startTime).getTime());
      // An hour's margin either side covers a repeated wall hour and legs that outlast the session's stamp.
      const chunk: CgPosition = { a: Math.min(...starts) - 3600_000, b: Math.max(...ends) + 3600_000, o: 0 };
      const filter = { field: 'call_session_id', operator: 'in', value: group.map((s) => Number(s.nativeId)) };
      for (let offset = 0; offset <= MAX_OFFSET; offset += MAX_LIMIT) {
        const { data } = await this.report<CgLegRow>('get.call_legs_report', { ...chunk, o: offset }, { filter, limit: MAX_LIMIT, fields: LEG_FIELDS }, signal);
        for (const row of data) {
          const list = byId.get(row?.call_session_id) ?? [];
          list.push(row);
          byId.set(row?.call_session_id, list);
        }
        if (data.length < MAX_LIMIT) break;
      }
    }
    return sessions.map((session) => this.guard(() => mapLegRows(byId.get(Number(session.nativeId)) ?? [], session, this.ownRecordings.get(session) ?? [], this.ctx)));
  }

  getExtensions(nativeIds: readonly string[], signal: AbortSignal): Promise<Array<Extension | null>> {
    return this.options.reads.readMany('employee', nativeIds, signal, (ids, s) => this.loadEmployees(ids, s), this.options.directoryTtlMs);
  }

  async openRecording(nativeId: string, range: string | undefined, signal: AbortSignal): Promise<RecordingContent | null> {
    const id = parseRecordingNativeId(nativeId);
    if (!id) return null;
    // Talk records are public by link (vendors.md §2.8): no key goes with the request.
    const url = `${this.options.mediaBaseUrl}/system/media/talk/${id.communicationId}/${id.record}/`;
    const response = await streamGet(this.options.http, 'media.talk', url, {}, range, signal).catch((error: unknown) => {
      throw UpstreamUnavailableError.forAccount(this, `recording download failed: ${error instanceof Error ? error.message : 'network error'}`);
    });
    return recordingContent(response);
  }

  async ping(signal: AbortSignal): Promise<void> {
    await this.options.client.read('get.employees', { limit: 1, fields: ['id'] }, signal);
  }

  private async fetchPage(window: TimeWindow, order: SortOrder, position: CgPosition, request: ListSessionsRequest, signal: AbortSignal): Promise<VendorPage<CgPosition>> {
    const span = this.windows.repeatedSpanOf(position);
    if (span) return this.fetchRepeatedHour(window, order, position, span, request, signal);
    const { data } = await this.report<CgCallRow>('get.calls_report', position, {
      sort: [{ field: 'start_time', order: order === SortOrder.START_TIME_DESC ? 'desc' : 'asc' }],
      limit: this.pageSize,
      fields: CALL_FIELDS,
      ...this.pushDown(request),
    }, signal);
    let rows = data.map((row) => this.mapRow(row, 1)).filter((s) => inside(s, position));
    if (data.length < this.pageSize) return { rows, next: this.windows.next(position, window, order), nextByTime: true };
    const offset = position.o + data.length;
    if (offset <= MAX_OFFSET) return { rows, next: { ...position, o: offset } };
    // The offset cap: start a new chunk at the last instant read, and leave that instant's rows to it.
    const last = rows[rows.length - 1]!.startTime.getTime();
    rows = rows.filter((s) => s.startTime.getTime() !== last);
    if (rows.length === 0) throw UpstreamUnavailableError.forAccount(this, `more than ${this.pageSize} calls share the instant ${new Date(last).toISOString()}`);
    const next = order === SortOrder.START_TIME_DESC ? { a: position.a, b: last, o: 0 } : { a: last, b: position.b, o: 0 };
    return { rows, next, nextByTime: true };
  }

  /**
   * The hour that repeats when clocks go back is read whole, oldest first: CallGear lists it in time order,
   * so a wall time that steps back marks the second pass (see resolveStart for the rows that say it themselves).
   */
  private async fetchRepeatedHour(window: TimeWindow, order: SortOrder, position: CgPosition, span: RepeatedSpan, request: ListSessionsRequest, signal: AbortSignal): Promise<VendorPage<CgPosition>> {
    const whole: CgPosition = { a: span.from, b: span.to - 1, o: 0 };
    const sessions: CallSession[] = [];
    let pass: WallPass = 1;
    let previousWall: string | null = null;
    for (let offset = 0; offset <= MAX_OFFSET; offset += MAX_LIMIT) {
      const { data } = await this.report<CgCallRow>('get.calls_report', { ...whole, o: offset }, { sort: [{ field: 'start_time', order: 'asc' }], limit: MAX_LIMIT, fields: CALL_FIELDS, ...this.pushDown(request) }, signal);
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
    return { rows, next: this.windows.next(position, window, order), byPosition: true, nextByTime: true };
  }

  /** What CallGear filters itself: direction (internal calls are "out" there). */
  private pushDown(request: ListSessionsRequest): { filter?: unknown } {
    const directions = request.filter.directions;
    if (!directions || directions.length === 0) return {};
    const inbound = directions.includes(CallDirection.INBOUND);
    const outbound = directions.includes(CallDirection.OUTBOUND) || directions.includes(CallDirection.INTERNAL);
    if (inbound === outbound) return {};
    return { filter: { field: 'direction', operator: '=', value: inbound ? 'in' : 'out' } };
  }

  private report<T>(method: string, chunk: CgPosition, params: Record<string, unknown>, signal: AbortSignal) {
    return this.options.client.read<T>(method, {
      // Wall times in the account's zone, no offset (vendors.md §2.2); whole seconds, inclusive.
      date_from: formatWall(chunk.a, this.options.timeZone),
      date_till: formatWall(chunk.b, this.options.timeZone),
      offset: chunk.o,
      ...params,
    }, signal);
  }

  private mapRow(row: CgCallRow, pass: WallPass): CallSession {
    return this.guard(() => {
      const session = mapCallRow(row, this.ctx, pass);
      this.ownRecordings.set(session, sessionRecordings(row, session));
      return session;
    });
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

  private async loadEmployees(ids: string[], signal: AbortSignal): Promise<Map<string, Extension>> {
    const numeric = ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
    const found = new Map<string, Extension>();
    if (numeric.length === 0) return found;
    const { data } = await this.options.client.read<CgEmployeeRow>('get.employees', { filter: { field: 'id', operator: 'in', value: numeric }, limit: MAX_LIMIT, fields: EMPLOYEE_FIELDS }, signal);
    for (const row of data) {
      const ext = this.guard(() => mapEmployee(row, this.account));
      found.set(ext.nativeId, ext);
    }
    return found;
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof CgMappingError || error instanceof TypeError) throw UpstreamUnavailableError.forAccount(this, `malformed response: ${error.message}`);
      throw error;
    }
  }
}

const inside = (session: CallSession, chunk: CgPosition): boolean => session.startTime.getTime() >= chunk.a && session.startTime.getTime() <= chunk.b;
