/**
 * The request options of `calls` and `call_history` (seed 004; vendors.md §3.3), checked: a bad value answers
 * 400 with Telphin's `{message, status}` body. Arrays come as repeated keys (`flow=in&flow=out`) or `flow[]=`.
 */
export interface StatsQuery {
  readonly start: string | null;
  readonly end: string | null;
  readonly fromUsername: readonly string[] | null;
  readonly toUsername: readonly string[] | null;
  readonly bridgedUsername: readonly string[] | null;
  readonly didNumber: readonly string[] | null;
  readonly flow: readonly string[] | null;
  readonly extensionId: readonly number[] | null;
  readonly duration: readonly [number | null, number | null];
  readonly bridgedDuration: readonly [number | null, number | null];
  readonly order: 'asc' | 'desc';
  readonly page: number;
  readonly perPage: number;
}

/** Not published by Telphin (vendors.md §3.3): the simulator's choices, documented in docs/vendors/telphin.md. */
export const TP_DEFAULT_PER_PAGE = 100;
export const TP_MAX_PER_PAGE = 500;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export class TpQueryError extends Error {}

type Raw = Record<string, unknown>;

function list(raw: Raw, name: string): string[] | null {
  const value = raw[name] ?? raw[`${name}[]`];
  if (value === undefined) return null;
  const values = Array.isArray(value) ? value : [value];
  if (!values.every((v) => typeof v === 'string')) throw new TpQueryError(`Invalid value of parameter ${name}`);
  return values as string[];
}

function int(raw: Raw, name: string, fallback: number | null, min: number, max: number): number | null {
  const value = raw[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new TpQueryError(`Invalid value of parameter ${name}: must be an integer from ${min} to ${max}`);
  }
  return Number(value);
}

function datetime(raw: Raw, name: string): string | null {
  const value = raw[name];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !DATETIME.test(value) || Number.isNaN(Date.parse(`${value.replace(' ', 'T')}Z`))) {
    throw new TpQueryError(`Invalid value of parameter ${name}: expected YYYY-MM-DD HH:MM:SS`);
  }
  return value;
}

export function parseStatsQuery(raw: Raw): StatsQuery {
  const order = raw['order'] ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw new TpQueryError('Invalid value of parameter order: must be asc or desc');
  const flow = list(raw, 'flow');
  if (flow && !flow.every((f) => f === 'in' || f === 'out')) throw new TpQueryError('Invalid value of parameter flow');
  const extensionId = list(raw, 'extension_id');
  if (extensionId && !extensionId.every((id) => /^\d+$/.test(id))) throw new TpQueryError('Invalid value of parameter extension_id');
  return {
    start: datetime(raw, 'start_datetime'),
    end: datetime(raw, 'end_datetime'),
    fromUsername: list(raw, 'from_username'),
    toUsername: list(raw, 'to_username'),
    bridgedUsername: list(raw, 'bridged_username'),
    didNumber: list(raw, 'did_number'),
    flow,
    extensionId: extensionId?.map(Number) ?? null,
    duration: [int(raw, 'start_duration', null, 0, 1e9), int(raw, 'end_duration', null, 0, 1e9)],
    bridgedDuration: [int(raw, 'start_bridged_duration', null, 0, 1e9), int(raw, 'end_bridged_duration', null, 0, 1e9)],
    order,
    page: int(raw, 'page', 1, 1, 1e9)!,
    perPage: int(raw, 'per_page', TP_DEFAULT_PER_PAGE, 1, TP_MAX_PER_PAGE)!,
  };
}

const inRange = (value: unknown, [min, max]: readonly [number | null, number | null]): boolean => {
  if (min === null && max === null) return true;
  if (typeof value !== 'number') return false;
  return (min === null || value >= min) && (max === null || value <= max);
};

const oneOf = (value: unknown, allowed: readonly (string | number)[] | null): boolean => allowed === null || allowed.some((a) => String(a) === String(value));

/**
 * Whether a rendered call passes the options; the datetime range is on `init_time_gmt`, both ends inclusive,
 * or both exclusive in the `exclusiveEnds` variant (Telphin does not say which, vendors.md §3.3).
 */
export function matchesStatsQuery(call: Record<string, unknown>, q: StatsQuery, exclusiveEnds = false): boolean {
  const init = call['init_time_gmt'] as string;
  return (
    (q.start === null || (exclusiveEnds ? init > q.start : init >= q.start)) &&
    (q.end === null || (exclusiveEnds ? init < q.end : init <= q.end)) &&
    oneOf(call['from_username'], q.fromUsername) &&
    oneOf(call['to_username'], q.toUsername) &&
    oneOf(call['bridged_username'], q.bridgedUsername) &&
    oneOf(call['did_number'], q.didNumber) &&
    oneOf(call['flow'], q.flow) &&
    oneOf(call['extension_id'], q.extensionId) &&
    inRange(call['duration'], q.duration) &&
    inRange(call['bridged_duration'], q.bridgedDuration)
  );
}
