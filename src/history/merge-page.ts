import { CallSession } from '../domain/call-session';
import { SortKey, SortOrder, compareKeys, sortKeyOf } from '../domain/ordering';
import { AccountHint } from './cursor-codec';
import { ScanResult } from './keyset-scan';

export interface AccountResult {
  readonly account: string;
  readonly result: ScanResult;
}

export interface MergedPage {
  readonly sessions: readonly CallSession[];
  readonly hasNextPage: boolean;
  /** Where the next page starts: the last row's key, or the scan frontier when the page was cut short. */
  readonly endKey: SortKey | null;
  /** Per-account hints for the cursor that continues after endKey. */
  readonly hints: Record<string, AccountHint>;
}

/**
 * Merges the accounts' ordered rows into one page of at most `first` rows.
 *
 * Each account was asked for first + 1 rows, so a page knows exactly whether more rows follow.
 * When an account stopped short at its scan bound (frontier), no row past the earliest frontier can be
 * emitted (that account may still hold rows before it), and the page ends at that frontier.
 */
export function mergePage(results: readonly AccountResult[], first: number, order: SortOrder): MergedPage {
  let cap: SortKey | null = null;
  for (const { result } of results) {
    if (result.frontier && (cap === null || compareKeys(result.frontier, cap, order) < 0)) cap = result.frontier;
  }
  const candidates: Array<{ account: string; index: number; key: SortKey; session: CallSession }> = [];
  for (const { account, result } of results) {
    result.rows.forEach((row, index) => {
      const key = sortKeyOf(row.session);
      if (cap === null || compareKeys(key, cap, order) <= 0) candidates.push({ account, index, key, session: row.session });
    });
  }
  candidates.sort((x, y) => compareKeys(x.key, y.key, order));
  const page = candidates.slice(0, first);
  const full = page.length === first;
  const hasNextPage = candidates.length > first || cap !== null;
  const last = page[page.length - 1];
  const endKey = full ? last!.key : (cap ?? last?.key ?? null);

  const taken = new Map<string, number>();
  for (const row of page) taken.set(row.account, (taken.get(row.account) ?? 0) + 1);
  const hints: Record<string, AccountHint> = {};
  for (const { account, result } of results) {
    const count = taken.get(account) ?? 0;
    const next = result.rows[count];
    if (next) hints[account] = next.resume;
    else if (result.exhausted) hints[account] = 'done';
    else if (result.tail) hints[account] = result.tail;
  }
  return { sessions: page.map((row) => row.session), hasNextPage, endKey, hints };
}
