import { compareAscending, SortOrder, sortKeyOf } from '../domain/ordering';
import { VendorAdapter } from '../vendors/adapter';
import { CallHistoryService } from './call-history.service';
import { AccountPosition, WalkPosition } from './change-checkpoint';
import { AccountOutcome, ChangeKind, SessionChange, Step } from './change-types';
import { sessionGlobalId } from './global-id';
import { ScanResult } from './keyset-scan';
import { SeenSessions } from './seen-sessions';

// The change feed's step for an account that reads a window (a first walk, a re-read behind the watermark, a
// full re-read after a forced sync): scan the next rows, take the oldest across accounts, and say where each stands.

const DAY_MS = 86_400_000;

/** What the window reads need of the feed: the engine's scans and the feed's options. */
export interface WalkDeps {
  readonly history: CallHistoryService;
  readonly lookbackMs: number;
  readonly maxSeenPerAccount: number;
  readonly maxDays: number;
}

/** One account's scan of its window this page, with its position (a vendor token taken for a first walk included). */
export interface AccountScanOutcome {
  readonly adapter: VendorAdapter;
  readonly position: AccountPosition;
  readonly walk: WalkPosition;
  readonly result: ScanResult;
}

/** The next rows of the account's window read, starting one when none is under way. */
export async function scanWalk(walks: WalkDeps, adapter: VendorAdapter, position: AccountPosition, room: number, step: Step): Promise<AccountScanOutcome> {
  let walk = position.walk;
  if (!walk && adapter.changeFeed && position.token === null) {
    // The vendor's token is taken before the walk, and the walk reads up to the vendor's time of the token:
    // what changes after it comes through the token, so no settle interval is held back.
    const start = await adapter.changeFeed.start(new Date(step.since), step.caller);
    position = { ...position, token: start.token, syncedAt: step.now };
    walk = walkFrom(walks, step.since, start.at);
  }
  walk ??= walkFrom(walks, position.mark === null ? step.since : position.mark - walks.lookbackMs, step.settledNow);
  // A first walk delivers every row: when the detail is needed, it is listed with the rows (a detailed view,
  // Telphin's call_history) rather than read per batch or per session (Telphin: one request each). Later
  // rounds deliver few rows, and keep the lighter listing so that a round that finds nothing costs one
  // request, unless that listing cannot show a recording arriving (Telphin).
  const result = await walks.history.scanAccount(
    adapter,
    { window: { from: walk.from, to: walk.to }, order: SortOrder.START_TIME_ASC, after: walk.after, limit: room + 1, filter: {}, resume: walk.resume, withDetail: step.withDetail || (step.needsDetail && (position.mark === null || !adapter.listsRecordings)), fresh: true },
    step.caller,
  );
  return { adapter, position, walk, result };
}

/**
 * The oldest `room` sessions to deliver across the accounts' scans, and where each account stands after:
 * rows it already delivered in the same state are passed over; an account resumes right after the last
 * row it gave (or passed over) this page, and its walk ends when its scan ran out.
 */
export function takeOldest(walks: WalkDeps, scans: readonly AccountScanOutcome[], room: number, step: Step): Array<AccountOutcome & { adapter: VendorAdapter }> {
  const remembered = scans.map((scan) => new SeenSessions(scan.position.seen));
  const candidates = scans.flatMap(({ adapter, position, result }, s) =>
    // A full re-read delivers everything again: a session it passed over would count as gone.
    result.rows.flatMap((row, index) => (position.resyncFrom === null && remembered[s]!.has(row.session) ? [] : [{ adapter, index, session: row.session }])),
  );
  candidates.sort((x, y) => compareAscending(sortKeyOf(x.session), sortKeyOf(y.session)));
  const taken = new Set(candidates.slice(0, room));
  return scans.map((scan, s) => {
    const { adapter, walk, result, position: before } = scan;
    const own = candidates.filter((c) => c.adapter === adapter);
    const mine = own.filter((c) => taken.has(c));
    // Rows consumed: every row when all of the account's candidates were taken; else up to the last one taken
    // (or, when none was, up to its first candidate: the rows before it were passed over).
    const leftOut = mine.length < own.length;
    const consumed = leftOut ? (mine.length > 0 ? mine[mine.length - 1]!.index + 1 : own[0]!.index) : result.rows.length;
    const seen = remembered[s]!;
    for (const c of mine) seen.add(c.session);
    const ended = !leftOut && result.exhausted;
    const lastRow = consumed > 0 ? result.rows[consumed - 1]! : null;
    const nextWalk: WalkPosition | null = ended
      ? null
      : consumed < result.rows.length
        ? { ...walk, after: lastRow ? sortKeyOf(lastRow.session) : walk.after, resume: result.rows[consumed]!.resume }
        : { ...walk, after: result.frontier ?? (lastRow ? sortKeyOf(lastRow.session) : walk.after), resume: result.tail };
    // What the next re-read of this account can meet again: sessions from the lookback window behind the walk's end.
    const position: AccountPosition = {
      ...before,
      mark: ended ? walk.to : before.mark,
      walk: nextWalk,
      seen: seen.pack(walk.to - walks.lookbackMs, walks.maxSeenPerAccount),
      resyncFrom: ended ? null : before.resyncFrom,
    };
    const resynced = ended && before.resyncFrom !== null ? { provider: adapter.provider, account: adapter.account, staleBefore: before.resyncFrom } : undefined;
    const changes = mine.map((c): SessionChange => ({
      kind: ChangeKind.UPSERT,
      id: sessionGlobalId(adapter, c.session.nativeId),
      version: step.clock,
      session: c.session,
    }));
    return { adapter, changes, position, ...(resynced ? { resynced } : {}) };
  });
}

/** A window to read from `from` to `to`, no longer than the longest walk. */
export function walkFrom(walks: WalkDeps, from: number, to: number): WalkPosition {
  const earliest = to - walks.maxDays * DAY_MS;
  return { from: Math.min(Math.max(from, earliest), to), to, after: null, resume: null };
}

