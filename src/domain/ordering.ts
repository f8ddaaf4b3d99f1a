import { CallSession } from './call-session';
import { Provider } from './provider';

export enum SortOrder {
  START_TIME_DESC = 'START_TIME_DESC',
  START_TIME_ASC = 'START_TIME_ASC',
}

/**
 * The total order of sessions: startTime, then provider, then account, then native id.
 * DESC is the exact reverse of ASC, so a walk in one order is the other walk backwards.
 */
export interface SortKey {
  /** Epoch milliseconds. */
  readonly startTime: number;
  readonly provider: Provider;
  readonly account: string;
  readonly nativeId: string;
}

export function sortKeyOf(session: CallSession): SortKey {
  return { startTime: session.startTime.getTime(), provider: session.provider, account: session.account, nativeId: session.nativeId };
}

function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Ascending comparison of two keys in the total order. */
export function compareAscending(x: SortKey, y: SortKey): number {
  return x.startTime - y.startTime || compareStrings(x.provider, y.provider) || compareStrings(x.account, y.account) || compareStrings(x.nativeId, y.nativeId);
}

/** Negative when x comes before y in a walk in the given order. */
export function compareKeys(x: SortKey, y: SortKey, order: SortOrder): number {
  const asc = compareAscending(x, y);
  return order === SortOrder.START_TIME_ASC ? asc : -asc;
}

/** Negative when time x comes before time y in a walk in the given order (ties are 0). */
export function compareTimes(x: number, y: number, order: SortOrder): number {
  return order === SortOrder.START_TIME_ASC ? x - y : y - x;
}

export function isAfter(key: SortKey, bound: SortKey | null, order: SortOrder): boolean {
  return bound === null || compareKeys(key, bound, order) > 0;
}
