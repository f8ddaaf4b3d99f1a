import { SandboxExtension } from '../dataset/types';
import { RcCallRecord } from './rc-call-records';
import { recordFacts } from './rc-records';

/** A parsed call-log list query (vendors.md §1.3), or the first parameter RingCentral would reject. */
export interface RcCallLogQuery {
  readonly dateFrom: number;
  readonly dateTo: number;
  readonly view: 'Simple' | 'Detailed';
  readonly page: number;
  readonly perPage: number;
  readonly directions: readonly string[] | null;
  readonly types: readonly string[] | null;
  readonly transports: readonly string[] | null;
  readonly phoneNumber: string | null;
  readonly extensionNumber: string | null;
  readonly sessionId: string | null;
  readonly telephonySessionId: string | null;
  readonly recorded: 'Automatic' | 'OnDemand' | 'All' | null;
}

export type QueryProblem = { kind: 'invalid'; name: string; value: string } | { kind: 'combination'; name: string; other: string };

type Params = Record<string, string | string[] | undefined>;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;
const MAX_PER_PAGE = 1000;
/** The Detailed view serves at most 250 records a page (spec up to 2025-03, vendors.md §1.3). */
const MAX_PER_PAGE_DETAILED = 250;

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[v.length - 1] : v);
const many = (v: string | string[] | undefined): string[] | null => (v === undefined ? null : Array.isArray(v) ? v : [v]);

export function parseCallLogQuery(params: Params, now: number): RcCallLogQuery | QueryProblem {
  const dateToText = one(params['dateTo']);
  const dateFromText = one(params['dateFrom']);
  if (dateToText !== undefined && !ISO.test(dateToText)) return { kind: 'invalid', name: 'dateTo', value: dateToText };
  if (dateFromText !== undefined && !ISO.test(dateFromText)) return { kind: 'invalid', name: 'dateFrom', value: dateFromText };
  const dateTo = dateToText ? Date.parse(dateToText) : now;
  const dateFrom = dateFromText ? Date.parse(dateFromText) : dateTo - 24 * 3600 * 1000;
  const view = one(params['view']) ?? 'Simple';
  if (view !== 'Simple' && view !== 'Detailed') return { kind: 'invalid', name: 'view', value: view };
  const pageText = one(params['page']) ?? '1';
  if (!/^\d+$/.test(pageText) || Number(pageText) < 1) return { kind: 'invalid', name: 'page', value: pageText };
  const perPageText = one(params['perPage']) ?? '100';
  if (perPageText !== 'max' && (!/^\d+$/.test(perPageText) || Number(perPageText) < 1)) return { kind: 'invalid', name: 'perPage', value: perPageText };
  const cap = view === 'Detailed' ? MAX_PER_PAGE_DETAILED : MAX_PER_PAGE;
  const perPage = perPageText === 'max' ? cap : Math.min(Number(perPageText), cap);

  const enumList = (name: string, allowed: string[]): string[] | null | QueryProblem => {
    const values = many(params[name]);
    const bad = values?.find((v) => !allowed.includes(v));
    return bad !== undefined ? { kind: 'invalid', name, value: bad } : values;
  };
  const directions = enumList('direction', ['Inbound', 'Outbound']);
  if (isProblem(directions)) return directions;
  const types = enumList('type', ['Voice', 'Fax']);
  if (isProblem(types)) return types;
  const transports = enumList('transport', ['PSTN', 'VoIP']);
  if (isProblem(transports)) return transports;

  const phoneNumber = one(params['phoneNumber']) ?? null;
  if (phoneNumber !== null && !/^\+?\d{3,15}$/.test(phoneNumber)) return { kind: 'invalid', name: 'phoneNumber', value: phoneNumber };
  const extensionNumber = one(params['extensionNumber']) ?? null;
  if (phoneNumber !== null && extensionNumber !== null) return { kind: 'combination', name: 'extensionNumber', other: 'phoneNumber' };
  const sessionId = one(params['sessionId']) ?? null;
  if (sessionId !== null) {
    const other = ['phoneNumber', 'extensionNumber', 'telephonySessionId', 'direction', 'type'].find((name) => params[name] !== undefined);
    if (other) return { kind: 'combination', name: 'sessionId', other };
  }
  const recordingType = one(params['recordingType']);
  if (recordingType !== undefined && !['Automatic', 'OnDemand', 'All'].includes(recordingType)) return { kind: 'invalid', name: 'recordingType', value: recordingType };
  const withRecording = one(params['withRecording']);
  if (withRecording !== undefined && withRecording !== 'true' && withRecording !== 'false') return { kind: 'invalid', name: 'withRecording', value: withRecording };
  // withRecording is deprecated and ignored when recordingType is given.
  const recorded = (recordingType as RcCallLogQuery['recorded']) ?? (withRecording === 'true' ? 'All' : null);

  return {
    dateFrom,
    dateTo,
    view,
    page: Number(pageText),
    perPage,
    directions,
    types,
    transports,
    phoneNumber: phoneNumber?.replace(/^\+/, '') ?? null,
    extensionNumber,
    sessionId,
    telephonySessionId: one(params['telephonySessionId']) ?? null,
    recorded,
  };
}

function isProblem(value: unknown): value is QueryProblem {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

export function isQueryProblem(value: RcCallLogQuery | QueryProblem): value is QueryProblem {
  return isProblem(value);
}

/** Whether a record passes the query; `exclusiveEnds` is the variant where dateFrom and dateTo themselves are out. */
export function matchesQuery(record: RcCallRecord, q: RcCallLogQuery, extensions: ReadonlyMap<string, SandboxExtension>, exclusiveEnds = false): boolean {
  const call = record.call;
  const facts = recordFacts(record);
  const t = call.start.getTime();
  if (t < q.dateFrom || t > q.dateTo) return false;
  if (exclusiveEnds && (t === q.dateFrom || t === q.dateTo)) return false;
  if (q.directions && !q.directions.includes(facts.direction)) return false;
  if (q.types && !q.types.includes('Voice')) return false;
  if (q.transports && !q.transports.includes(facts.transport)) return false;
  if (q.sessionId !== null && facts.sessionId !== q.sessionId) return false;
  if (q.telephonySessionId !== null && facts.telephonySessionId !== q.telephonySessionId) return false;
  if (q.recorded === 'OnDemand') return false; // every sandbox recording is automatic
  // Each record says whether its own legs were recorded.
  if (q.recorded !== null && !record.legs.some((leg) => leg.recording !== null)) return false;
  const parties = [call.caller, call.callee];
  if (q.phoneNumber !== null && !parties.some((p) => p.number.replace(/^\+/, '') === q.phoneNumber)) return false;
  if (q.extensionNumber !== null && !parties.some((p) => p.extensionId !== null && extensions.get(p.extensionId)?.number === q.extensionNumber)) return false;
  return true;
}
