import { createHash } from 'node:crypto';
import { CallSession, SessionDetail } from '../domain/call-session';
import { AppError, BadUserInputError, FailedAccount } from '../domain/errors';
import { SortOrder, compareAscending, sortKeyOf } from '../domain/ordering';
import { Provider } from '../domain/provider';
import { EARLIEST_FROM } from '../domain/window';
import { Caller } from '../upstream/caller';
import { TouchedSession, VendorAdapter } from '../vendors/adapter';
import { CallHistoryService, TenantScope, accountKey, failureError, selectAdapters } from './call-history.service';
import { AccountPosition, Checkpoint, CheckpointCodec, WalkPosition } from './change-checkpoint';
import { encodeGlobalId } from './global-id';
import { ScanResult } from './keyset-scan';
import { SeenSessions } from './seen-sessions';

export enum ChangeKind {
  /** The session is new or changed: store it. */
  UPSERT = 'UPSERT',
  /** The vendor deleted the session: remove it. */
  DELETE = 'DELETE',
}

export interface SessionChange {
  readonly kind: ChangeKind;
  /** The session's global id. */
  readonly id: string;
  /** Greater than every version given out before on this feed: keep a change only when it is newer than what you hold. */
  readonly version: number;
  /** The session as it is now (null for DELETE). */
  readonly session: CallSession | null;
}

/** An account read again in full: every session of it held with a version below `staleBefore` is gone. */
export interface AccountResync extends FailedAccount {
  readonly staleBefore: number;
}

export interface ChangePage {
  readonly changes: readonly SessionChange[];
  /** Accounts whose full re-read ended on this page (apply with the page's changes). */
  readonly resynced: readonly AccountResync[];
  /** More changes are ready now: ask again with the checkpoint. False: caught up; ask again later. */
  readonly hasNextPage: boolean;
  /** Where to go on: save it with the changes of this page. */
  readonly checkpoint: string;
  /** Accounts that failed during this page: their position did not move, nothing of theirs is lost. */
  readonly missing: readonly FailedAccount[];
  readonly partialError: AppError | null;
}

export interface ChangeQuery {
  readonly first: number;
  readonly after: string | null;
  /** Where a new feed starts (first call only); default: `defaultDays` back. */
  readonly since: Date | null;
  readonly providers: readonly Provider[] | null;
  readonly accounts: readonly string[] | null;
  /** Whether the operation selects legs: list them with the rows where the vendor can. */
  readonly withDetail: boolean;
  /**
   * Whether the operation selects legs or recordings: the sessions a page delivers carry their detail, read
   * as part of their account's step. An account whose detail cannot be read fails the page as a whole, so
   * that a session is never delivered without what the client asked of it (it would not be delivered again).
   */
  readonly needsDetail: boolean;
}

export interface ChangeFeedOptions {
  readonly codec: CheckpointCodec;
  /** How far behind each account's watermark a window re-read begins (ms): late records and calls that end late. */
  readonly lookbackMs: number;
  /** How far behind now a read ends (ms): records that appear after the call ends are not passed before they exist. */
  readonly settleMs: number;
  /** A new feed without `since` starts this many days back. */
  readonly defaultDays: number;
  /** No window is read further back than this many days (the longest walk). */
  readonly maxDays: number;
  /** Deliveries remembered per account inside its lookback window (the checkpoint's size bound). */
  readonly maxSeenPerAccount: number;
  /**
   * How recent each account's last read must be for the feed to say it is caught up (hasNextPage false): an
   * account read longer ago is read again (its vendor change feed asked, its window re-read).
   */
  readonly freshMs: number;
  readonly now?: () => number;
}

const DAY_MS = 86_400_000;

/** Time windows of sessions a vendor's change feed named that one page reads again, per account (each up to the scan bound). */
export const TOUCHED_WINDOWS_PER_PAGE = 2;
/** The longest such window: named sessions further apart are read in windows of their own. */
const TOUCHED_WINDOW_MS = 3600_000;
const MAX_ROWS_PER_TOUCHED_WINDOW = 10_000;
/** Read around the named start times: a call's other records (a transfer's, a callee's) may start a little apart. */
const TOUCHED_MARGIN_MS = 5 * 60_000;
/** Vendor requests besides list pages and reads by id one account may make for a page: the change token, and a new one. */
export const FEED_REQUESTS_PER_PAGE = 2;

/** One account's part of a page: what it delivers, and where it stands after. */
interface AccountOutcome {
  readonly changes: SessionChange[];
  readonly position: AccountPosition;
  /** Set when a full re-read of the account ended on this page. */
  readonly resynced?: AccountResync;
}

/**
 * The change feed: a resumable, incremental walk of every account's call history, oldest first, whose
 * checkpoint keeps working after the walk has caught up. Each account goes its own way:
 * - with a vendor change feed (RingCentral's Call Log Sync): one walk from `since` up to the vendor's time of
 *   its first token, then the vendor's changes since the token; a refused token (a forced full sync) walks the
 *   account again;
 * - without one (CallGear, Telphin): each round re-reads the window from `lookback` behind the account's
 *   watermark to `settle` before now, and delivers the sessions it has not delivered in that state.
 * A page says hasNextPage false when every account that answered was read within `freshMs` (10 s by default):
 * what changed before that is delivered. A failed account keeps its position and the others go on.
 */
export class ChangeFeedService {
  private readonly now: () => number;

  constructor(
    private readonly history: CallHistoryService,
    private readonly options: ChangeFeedOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async changes(scope: TenantScope, query: ChangeQuery, caller: Caller): Promise<ChangePage> {
    const now = this.now();
    const filterHash = hashOf({ providers: sorted(query.providers), accounts: sorted(query.accounts) });
    const previous = query.after !== null ? this.options.codec.decode(query.after, { tenant: scope.tenant, filterHash }) : null;
    if (previous && query.since) throw new BadUserInputError('Argument "since" applies to a new feed only: leave it out when you pass "after".', 'since');
    const since = previous ? previous.since : this.sinceOf(query.since, now);
    const settledNow = now - this.options.settleMs;
    const clock = Math.max(now, (previous?.clock ?? 0) + 1);

    const adapters = selectAdapters(scope.adapters, { providers: query.providers, accounts: query.accounts, extensions: null, from: null, to: null, row: {} });
    const positions = new Map(adapters.map((a) => [accountKey(a), previous?.accounts[accountKey(a)] ?? newPosition()]));
    const step = { since, now, settledNow, clock, withDetail: query.withDetail, needsDetail: query.needsDetail, caller };

    // First what the vendors' own change feeds name (few, and already the newest), then window reads with the room left.
    const failures: Array<{ account: FailedAccount; error: unknown }> = [];
    const delivered: SessionChange[] = [];
    const resynced: AccountResync[] = [];
    const settle = (adapter: VendorAdapter, outcome: PromiseSettledResult<AccountOutcome>): void => {
      if (outcome.status === 'rejected') return void failures.push({ account: { provider: adapter.provider, account: adapter.account }, error: outcome.reason });
      positions.set(accountKey(adapter), outcome.value.position);
      delivered.push(...outcome.value.changes);
      if (outcome.value.resynced) resynced.push(outcome.value.resynced);
    };
    const syncing = adapters.filter((a) => needsVendorFeed(a, positions.get(accountKey(a))!, now - this.options.freshMs));
    const synced = await Promise.allSettled(syncing.map((a) => this.followVendorFeed(a, positions.get(accountKey(a))!, query.first, step).then((outcome) => withDetails(a, outcome, step))));
    syncing.forEach((a, i) => settle(a, synced[i]!));

    const room = query.first - delivered.length;
    const failed = new Set(failures.map((f) => accountKey(f.account)));
    const walking = room > 0 ? adapters.filter((a) => !failed.has(accountKey(a)) && needsWalk(a, positions.get(accountKey(a))!, settledNow - this.options.freshMs)) : [];
    const walked = await Promise.allSettled(walking.map((a) => this.scanWalk(a, positions.get(accountKey(a))!, room, step)));
    const scans: AccountScanOutcome[] = [];
    walking.forEach((adapter, i) => {
      const outcome = walked[i]!;
      if (outcome.status === 'rejected') failures.push({ account: { provider: adapter.provider, account: adapter.account }, error: outcome.reason });
      else scans.push(outcome.value);
    });
    const taken = this.takeOldest(scans, room, step);
    const detailed = await Promise.allSettled(taken.map((outcome) => withDetails(outcome.adapter, outcome, step)));
    taken.forEach((outcome, i) => settle(outcome.adapter, detailed[i]!));

    if (failures.length > 0 && failures.length === adapters.length && delivered.length === 0) throw failureError(failures);
    const down = new Set(failures.map((f) => accountKey(f.account)));
    const hasNextPage = adapters.some((a) => !down.has(accountKey(a)) && hasWork(a, positions.get(accountKey(a))!, now - this.options.freshMs, settledNow - this.options.freshMs));
    const checkpoint: Checkpoint = { tenant: scope.tenant, filterHash, since, clock, accounts: Object.fromEntries(positions) };
    return {
      changes: delivered,
      resynced,
      hasNextPage,
      checkpoint: this.options.codec.encode(checkpoint),
      missing: failures.map((f) => f.account),
      partialError: failures.length > 0 ? failureError(failures) : null,
    };
  }

  private sinceOf(since: Date | null, now: number): number {
    if (!since) return now - this.options.defaultDays * DAY_MS;
    const at = since.getTime();
    if (at < EARLIEST_FROM || at < now - this.options.maxDays * DAY_MS) {
      throw new BadUserInputError(`Argument "since" must be at most ${this.options.maxDays} days ago.`, 'since');
    }
    if (at >= now) throw new BadUserInputError('Argument "since" must be in the past.', 'since');
    return at;
  }

  /**
   * An account with a vendor change feed: the sessions it named last time and could not read yet, or the
   * changes since its token. A refused token starts the account over: a new token, then a walk from `since`.
   */
  private async followVendorFeed(adapter: VendorAdapter, position: AccountPosition, first: number, step: Step): Promise<AccountOutcome> {
    const feed = adapter.changeFeed!;
    let next = position;
    if (next.pending.length === 0) {
      const changes = await feed.changesSince(next.token!, step.caller);
      if (changes === null) {
        const start = await feed.start(new Date(step.since), step.caller);
        // Changes since the old token are lost, deletions among them: the account is read again in full, and
        // when that ends, what was not delivered again is gone (resynced).
        return { changes: [], position: { ...next, token: start.token, syncedAt: step.now, pending: [], walk: this.walkFrom(step.since, start.at), mark: null, resyncFrom: step.clock } };
      }
      next = { ...next, token: changes.token, syncedAt: step.now, pending: changes.touched };
    }
    // The named sessions read again as they are now, by the time windows they started in (new calls cluster
    // near now: one list read for many; a session folds all its records): still there (an upsert) or gone (a delete).
    const windows = touchedWindows(next.pending, TOUCHED_WINDOWS_PER_PAGE, first);
    const scans = await Promise.all(
      windows.map((w) =>
        this.history.scanAccount(adapter, { window: { from: w.from - TOUCHED_MARGIN_MS, to: w.to + TOUCHED_MARGIN_MS }, order: SortOrder.START_TIME_ASC, after: null, limit: MAX_ROWS_PER_TOUCHED_WINDOW, filter: {}, resume: null, withDetail: step.withDetail, fresh: true }, step.caller),
      ),
    );
    const changes: SessionChange[] = [];
    const resolved = new Set<string>();
    windows.forEach((w, i) => {
      const scan = scans[i]!;
      const found = new Map(scan.rows.map((row) => [row.session.nativeId, row.session]));
      // A scan cut short examined its window up to the frontier: a named session past it is asked again next page.
      const examinedTo = scan.exhausted ? Infinity : (scan.frontier?.startTime ?? -Infinity);
      for (const touched of w.sessions) {
        const session = found.get(touched.nativeId);
        if (!session && touched.startTime >= examinedTo) continue;
        const id = encodeGlobalId({ type: 'CallSession', provider: adapter.provider, account: adapter.account, nativeId: touched.nativeId });
        changes.push(session ? { kind: ChangeKind.UPSERT, id, version: step.clock, session } : { kind: ChangeKind.DELETE, id, version: step.clock, session: null });
        resolved.add(touched.nativeId);
      }
    });
    return { changes, position: { ...next, pending: next.pending.filter((t) => !resolved.has(t.nativeId)) } };
  }

  /** The next rows of the account's window read, starting one when none is under way. */
  private async scanWalk(adapter: VendorAdapter, position: AccountPosition, room: number, step: Step): Promise<AccountScanOutcome> {
    let walk = position.walk;
    if (!walk && adapter.changeFeed && position.token === null) {
      // The vendor's token is taken before the walk, and the walk reads up to the vendor's time of the token:
      // what changes after it comes through the token, so no settle interval is held back.
      const start = await adapter.changeFeed.start(new Date(step.since), step.caller);
      position = { ...position, token: start.token, syncedAt: step.now };
      walk = this.walkFrom(step.since, start.at);
    }
    walk ??= this.walkFrom(position.mark === null ? step.since : position.mark - this.options.lookbackMs, step.settledNow);
    // A first walk delivers every row: when the detail is needed, it is listed with the rows (a detailed view,
    // Telphin's call_history) rather than read per batch or per session (Telphin: one request each). Later
    // rounds deliver few rows, and keep the lighter listing so that a round that finds nothing costs one
    // request, unless that listing cannot show a recording arriving (Telphin).
    const result = await this.history.scanAccount(
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
  private takeOldest(scans: readonly AccountScanOutcome[], room: number, step: Step): Array<AccountOutcome & { adapter: VendorAdapter }> {
    const candidates = scans.flatMap(({ adapter, position, result }) => {
      // A full re-read delivers everything again: a session it passed over would count as gone.
      const seen = new SeenSessions(position.resyncFrom === null ? position.seen : '');
      return result.rows.flatMap((row, index) => (seen.has(row.session) ? [] : [{ adapter, index, session: row.session }]));
    });
    candidates.sort((x, y) => compareAscending(sortKeyOf(x.session), sortKeyOf(y.session)));
    const taken = candidates.slice(0, room);
    const full = candidates.length > room;
    return scans.map((scan) => {
      const { adapter, walk, result, position: before } = scan;
      const mine = taken.filter((c) => c.adapter === adapter);
      // Rows consumed: every row when the page did not fill up; else up to the last one taken from this account.
      const leftOut = full && candidates.some((c) => c.adapter === adapter && !mine.includes(c));
      const consumed = leftOut ? (mine.length > 0 ? mine[mine.length - 1]!.index + 1 : firstCandidateIndex(candidates, adapter)) : result.rows.length;
      const seen = new SeenSessions(before.seen);
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
        seen: seen.pack(walk.to - this.options.lookbackMs, this.options.maxSeenPerAccount),
        resyncFrom: ended ? null : before.resyncFrom,
      };
      const resynced = ended && before.resyncFrom !== null ? { provider: adapter.provider, account: adapter.account, staleBefore: before.resyncFrom } : undefined;
      const changes = mine.map((c): SessionChange => ({
        kind: ChangeKind.UPSERT,
        id: encodeGlobalId({ type: 'CallSession', provider: adapter.provider, account: adapter.account, nativeId: c.session.nativeId }),
        version: step.clock,
        session: c.session,
      }));
      return { adapter, changes, position, ...(resynced ? { resynced } : {}) };
    });
  }

  private walkFrom(from: number, to: number): WalkPosition {
    const earliest = to - this.options.maxDays * DAY_MS;
    return { from: Math.min(Math.max(from, earliest), to), to, after: null, resume: null };
  }
}

/** One account's scan of its window this page, with its position (a vendor token taken for a first walk included). */
interface AccountScanOutcome {
  readonly adapter: VendorAdapter;
  readonly position: AccountPosition;
  readonly walk: WalkPosition;
  readonly result: ScanResult;
}

interface Step {
  readonly since: number;
  /** This page's time, and that time less the settle interval (epoch ms). */
  readonly now: number;
  readonly settledNow: number;
  readonly clock: number;
  readonly withDetail: boolean;
  readonly needsDetail: boolean;
  readonly caller: Caller;
}

/** The account's outcome with the detail of every session it delivers, when the operation needs it; rejects when the vendor cannot give it. */
async function withDetails(adapter: VendorAdapter, outcome: AccountOutcome, step: Step): Promise<AccountOutcome> {
  const lacking = outcome.changes.flatMap((change) => (change.session && change.session.detail === null ? [change.session] : []));
  if (!step.needsDetail || lacking.length === 0) return outcome;
  const details = new Map<CallSession, SessionDetail>();
  for (let i = 0; i < lacking.length; i += adapter.detailBatchSize) {
    const batch = lacking.slice(i, i + adapter.detailBatchSize);
    (await adapter.loadDetails(batch, step.caller)).forEach((detail, j) => detail && details.set(batch[j]!, detail));
  }
  return { ...outcome, changes: outcome.changes.map((change) => (change.session && details.has(change.session) ? { ...change, session: { ...change.session, detail: details.get(change.session)! } } : change)) };
}

/** The first `max` windows, oldest first, that hold the first `maxSessions` named sessions: each at most an hour long. */
export function touchedWindows(touched: readonly TouchedSession[], max: number, maxSessions: number): Array<{ from: number; to: number; sessions: TouchedSession[] }> {
  const windows: Array<{ from: number; to: number; sessions: TouchedSession[] }> = [];
  for (const session of [...touched].sort((a, b) => a.startTime - b.startTime).slice(0, maxSessions)) {
    const last = windows[windows.length - 1];
    if (last && session.startTime - last.from <= TOUCHED_WINDOW_MS) {
      last.to = session.startTime;
      last.sessions.push(session);
    } else {
      if (windows.length === max) break;
      windows.push({ from: session.startTime, to: session.startTime, sessions: [session] });
    }
  }
  return windows;
}

function newPosition(): AccountPosition {
  return { mark: null, walk: null, token: null, syncedAt: null, pending: [], seen: '', resyncFrom: null };
}

/** Whether the account asks its vendor's change feed this page: it has one, a token, no walk under way, and this chain has not asked. */
function needsVendorFeed(adapter: VendorAdapter, position: AccountPosition, staleBefore: number): boolean {
  if (!adapter.changeFeed || position.token === null || position.walk !== null) return false;
  return position.pending.length > 0 || (position.mark !== null && (position.syncedAt === null || position.syncedAt < staleBefore));
}

/** Whether the account reads a window this page: one is under way, or its last one ended before `staleBefore`. */
function needsWalk(adapter: VendorAdapter, position: AccountPosition, staleBefore: number): boolean {
  if (position.walk !== null) return true;
  if (adapter.changeFeed && position.token !== null && position.mark !== null) return false;
  return position.mark === null || position.mark < staleBefore;
}

function hasWork(adapter: VendorAdapter, position: AccountPosition, syncedBefore: number, markedBefore: number): boolean {
  return needsVendorFeed(adapter, position, syncedBefore) || needsWalk(adapter, position, markedBefore);
}

function firstCandidateIndex(candidates: ReadonlyArray<{ adapter: VendorAdapter; index: number }>, adapter: VendorAdapter): number {
  return candidates.find((c) => c.adapter === adapter)?.index ?? 0;
}

const sorted = <T>(values: readonly T[] | null): T[] | null => (values ? [...new Set(values)].sort() : null);

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);
}
