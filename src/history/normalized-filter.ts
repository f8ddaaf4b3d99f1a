import { createHash } from 'node:crypto';
import { RowFilter } from '../domain/call-filter';
import { BadUserInputError } from '../domain/errors';
import { decodeGlobalId } from './global-id';
import { parsePhoneQuery } from '../domain/phone-number';
import { windowProblem } from '../domain/window';
import { SessionFilterInput } from './session-query';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The filter in canonical form: what a cursor is bound to, and what each account is asked. */
export interface NormalizedFilter {
  /** Explicit window bounds from the client (epoch ms), before defaults. */
  readonly from: number | null;
  readonly to: number | null;
  readonly providers: readonly string[] | null;
  readonly accounts: readonly string[] | null;
  /** Native extension ids per "provider/account". */
  readonly extensions: Readonly<Record<string, readonly string[]>> | null;
  /** A national number (digits) each account reads with its own default country; the row filter has an E.164 one otherwise. */
  readonly nationalPhone: string | null;
  readonly row: RowFilter;
}

export interface WindowLimits {
  readonly defaultDays: number;
  readonly maxDays: number;
}

const sorted = <T>(values: readonly T[] | null | undefined): T[] | null => (values ? [...new Set(values)].sort() : null);

/**
 * The filter in canonical form. A new walk's window is checked against `asOf` where `to` is absent, so an
 * open-ended window is as bounded as any other; a later page (`asOf` null) keeps the window its signed
 * cursor was made with, checked when the walk began.
 */
export function normalizeFilter(input: SessionFilterInput, limits: WindowLimits, asOf: number | null): NormalizedFilter {
  const from = input.from ? input.from.getTime() : null;
  const to = input.to ? input.to.getTime() : null;
  const problem = asOf === null && !input.to ? null : windowProblem(input.from, input.to, limits.maxDays, asOf ?? Date.now());
  if (problem) throw new BadUserInputError(`filter.from ${problem}.`, 'filter.from');
  let phoneNumber: string | undefined;
  let nationalPhone: string | null = null;
  if (input.phoneNumber !== null && input.phoneNumber !== undefined) {
    const query = parsePhoneQuery(input.phoneNumber, input.phoneCountry ?? undefined);
    if (!query) throw new BadUserInputError(`filter.phoneNumber is not a phone number${input.phoneCountry ? ` of ${input.phoneCountry}` : ''}: ${PHONE_FORMS}.`, 'filter.phoneNumber');
    if ('e164' in query) phoneNumber = query.e164;
    else nationalPhone = query.national;
  }
  let extensions: Record<string, string[]> | null = null;
  if (input.extensionIds) {
    extensions = {};
    for (const id of input.extensionIds) {
      const ext = decodeGlobalId(id, 'filter.extensionIds', 'Extension');
      (extensions[`${ext.provider}/${ext.account}`] ??= []).push(ext.nativeId);
    }
    for (const key of Object.keys(extensions)) extensions[key] = sorted(extensions[key])!;
  }
  const row: RowFilter = {
    ...(input.directions ? { directions: sorted(input.directions)! } : {}),
    ...(input.results ? { results: sorted(input.results)! } : {}),
    ...(phoneNumber !== undefined ? { phoneNumber } : {}),
    ...(input.hasRecording !== null && input.hasRecording !== undefined ? { hasRecording: input.hasRecording } : {}),
    ...(input.minDuration !== null && input.minDuration !== undefined ? { minDuration: input.minDuration } : {}),
  };
  return { from, to, providers: sorted(input.providers), accounts: sorted(input.accounts), extensions, nationalPhone, row };
}

/** The phone filter's forms, said the same way in its description and its errors. */
export const PHONE_FORMS =
  'give it in E.164 ("+14155550123"), or as a national number in any common format ("(415) 555-0123", "415-555-0123", "4155550123") read with phoneCountry, else with each account\'s default country';

/** A filter of accounts only (the change feed's), in canonical form. */
export function accountsFilter(input: Pick<SessionFilterInput, 'providers' | 'accounts'>): NormalizedFilter {
  return { from: null, to: null, providers: sorted(input.providers), accounts: sorted(input.accounts), extensions: null, nationalPhone: null, row: {} };
}

/** A stable hash of the canonical filter: a cursor made for one filter is refused with another. */
export function filterHash(filter: NormalizedFilter): string {
  return createHash('sha256').update(canonicalJson(filter)).digest('base64url').slice(0, 22);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The walk's window: explicit bounds, else the last `defaultDays` before `to`; never past asOf. */
export function resolveWindow(filter: NormalizedFilter, asOf: number, limits: WindowLimits): [number, number] {
  const to = Math.min(filter.to ?? asOf, asOf);
  const from = filter.from ?? (filter.to ?? asOf) - limits.defaultDays * DAY_MS;
  return [from, to];
}
