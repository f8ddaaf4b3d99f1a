import { parseWall } from '../../lib/zoned-time';
import { FieldRule } from './cg-fields';
import { RpcFailure, invalidParams } from './cg-rpc';

/**
 * Parameters of CallGear's `get.*` list methods, checked as documented (vendors.md §2.2, CGD index "Paging",
 * "Filters", "Data sorting", "Viewing returning data"): a mistake answers -32602 with the documented mnemonic.
 */
export interface ListQuery {
  /** Wall-time strings, as sent (reports only). */
  readonly dateFrom: string | null;
  readonly dateTill: string | null;
  readonly offset: number;
  readonly limit: number;
  readonly fields: readonly string[];
  readonly sort: ReadonlyArray<{ field: string; order: 'asc' | 'desc' }>;
  readonly filter: Filter | null;
}

export type Filter = { field: string; operator: string; value: unknown } | { filters: Filter[]; condition: 'and' | 'or' };

export const MAX_OFFSET = 100_000;
export const MAX_LIMIT = 10_000;
export const DEFAULT_LIMIT = 1000;
const OPERATORS = new Set(['=', '!=', '<', '>', '<=', '>=', 'like', 'regexp', 'in', 'jsquery']);

export interface ListMethodSpec {
  readonly fields: Readonly<Record<string, FieldRule>>;
  /** Reports need date_from and date_till; directories take none. */
  readonly dated: boolean;
  readonly extraParams?: readonly string[];
}

export function parseListQuery(params: Record<string, unknown>, spec: ListMethodSpec): ListQuery {
  const known = new Set(['access_token', 'user_id', 'offset', 'limit', 'filter', 'sort', 'fields', ...(spec.dated ? ['date_from', 'date_till'] : []), ...(spec.extraParams ?? [])]);
  for (const name of Object.keys(params)) {
    if (!known.has(name)) throw invalidParams('unexpected_parameters', `Unexpected parameter "${name}"`, name);
  }
  const offset = integer(params, 'offset', 0, 0, MAX_OFFSET);
  const limit = integer(params, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT);
  let dateFrom: string | null = null;
  let dateTill: string | null = null;
  if (spec.dated) {
    dateFrom = wallParam(params, 'date_from');
    dateTill = wallParam(params, 'date_till');
    if (dateFrom > dateTill) throw invalidParams('invalid_parameters_combination', 'Parameter "date_from" must be earlier than "date_till"', 'date_from', dateFrom);
    if (parseWall(dateTill)! > plusThreeMonths(parseWall(dateFrom)!)) {
      throw invalidParams('date_interval_limit_reached', 'Max value of requested date interval is 3 months', 'date_till', dateTill);
    }
  }
  return { dateFrom, dateTill, offset, limit, fields: fieldsParam(params, spec), sort: sortParam(params, spec), filter: params['filter'] === undefined ? null : filterParam(params['filter'], spec, 'filter') };
}

function integer(params: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const value = params[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidParams('data_type_error', `Parameter "${name}" must be a number`, name, value);
  if (value < min || value > max) throw invalidParams('invalid_parameter_value', `Value of parameter "${name}" must be from ${min} to ${max}`, name, value);
  return value;
}

function wallParam(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (value === undefined || value === null) throw invalidParams('required_parameter_missed', `Required parameter "${name}" is missed`, name);
  if (typeof value !== 'string') throw invalidParams('data_type_error', `Parameter "${name}" must be a string`, name, value);
  if (parseWall(value) === null) throw invalidParams('invalid_parameter_value', `Parameter "${name}" must be in the format YYYY-MM-DD hh:mm:ss`, name, value);
  return value;
}

/** The same wall time three calendar months later (clamped to the month's end, as calendars do). */
function plusThreeMonths(naive: number): number {
  const d = new Date(naive);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

function fieldsParam(params: Record<string, unknown>, spec: ListMethodSpec): string[] {
  const value = params['fields'];
  if (value === undefined) return Object.entries(spec.fields).filter(([, rule]) => rule.byDefault).map(([name]) => name);
  if (!Array.isArray(value) || !value.every((f) => typeof f === 'string')) throw invalidParams('data_type_error', 'Parameter "fields" must be an array of strings', 'fields', value);
  for (const name of value as string[]) {
    if (!(name in spec.fields)) throw invalidParams('unexpected_parameters', `Unexpected field "${name}"`, 'fields', name);
  }
  return value as string[];
}

function sortParam(params: Record<string, unknown>, spec: ListMethodSpec): ListQuery['sort'] {
  const value = params['sort'];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidParams('data_type_error', 'Parameter "sort" must be an array', 'sort', value);
  return value.map((item: unknown) => {
    const { field, order = 'asc' } = (item ?? {}) as { field?: unknown; order?: unknown };
    if (typeof field !== 'string') throw invalidParams('data_type_error', 'Sort "field" must be a string', 'sort', item);
    if (order !== 'asc' && order !== 'desc') throw invalidParams('invalid_parameter_value', 'Sort "order" must be "asc" or "desc"', 'order', order);
    if (!spec.fields[field]?.sort) throw invalidParams('sort_prohibited', `Sorting by field "${field}" is prohibited`, 'sort', field);
    return { field, order };
  });
}

function filterParam(value: unknown, spec: ListMethodSpec, path: string): Filter {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidParams('data_type_error', 'A filter must be an object', path, value);
  const f = value as Record<string, unknown>;
  if ('filters' in f) {
    if (!Array.isArray(f['filters']) || f['filters'].length === 0) throw invalidParams('data_type_error', '"filters" must be a non-empty array', path, f['filters']);
    const condition = f['condition'] ?? 'and';
    if (condition !== 'and' && condition !== 'or') throw invalidParams('invalid_parameter_value', 'Filter "condition" must be "and" or "or"', 'condition', condition);
    return { filters: f['filters'].map((inner: unknown) => filterParam(inner, spec, path)), condition };
  }
  const { field, operator, value: operand } = f;
  if (typeof field !== 'string') throw invalidParams('required_parameter_missed', 'Filter "field" is missed', 'field');
  if (typeof operator !== 'string' || !OPERATORS.has(operator)) throw invalidParams('invalid_parameter_value', `Unknown filter operator "${String(operator)}"`, 'operator', operator);
  if (!spec.fields[field]?.filter) throw invalidParams('filter_prohibited', `Filtering by field "${field}" is prohibited`, 'filter', field);
  if (!('value' in f)) throw invalidParams('required_parameter_missed', 'Filter "value" is missed', 'value');
  if (operator === 'in' && !Array.isArray(operand)) throw invalidParams('data_type_error', 'The value of operator "in" must be an array', 'value', operand);
  if (operator === 'regexp') {
    try {
      new RegExp(String(operand));
    } catch {
      throw invalidParams('invalid_parameter_value', 'Invalid regular expression', 'value', operand);
    }
  }
  if (operator === 'jsquery') throw new RpcFailure(-32602, 'invalid_parameter_value', 'Operator "jsquery" is not supported by the Callbridge simulator', { field: 'operator', value: operator });
  return { field, operator, value: operand };
}

/** Whether a rendered row passes a filter. */
export function matchesFilter(row: Record<string, unknown>, filter: Filter | null): boolean {
  if (!filter) return true;
  if ('filters' in filter) {
    return filter.condition === 'and' ? filter.filters.every((f) => matchesFilter(row, f)) : filter.filters.some((f) => matchesFilter(row, f));
  }
  const actual = row[filter.field] ?? null;
  const expected = filter.value;
  switch (filter.operator) {
    case '=':
      return same(actual, expected);
    case '!=':
      return !same(actual, expected);
    case '<':
    case '>':
    case '<=':
    case '>=': {
      if (actual === null || expected === null) return false;
      const c = compareValues(actual, expected);
      return filter.operator === '<' ? c < 0 : filter.operator === '>' ? c > 0 : filter.operator === '<=' ? c <= 0 : c >= 0;
    }
    case 'like': {
      if (actual === null) return false;
      const pattern = String(expected).split('%').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
      return new RegExp(`^${pattern}$`, 's').test(String(actual));
    }
    case 'regexp':
      return actual !== null && new RegExp(String(expected)).test(String(actual));
    case 'in':
      return (expected as unknown[]).some((candidate) => same(actual, candidate));
    default:
      return false;
  }
}

function same(actual: unknown, expected: unknown): boolean {
  if (actual === null || expected === null) return actual === expected;
  return String(actual) === String(expected);
}

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
