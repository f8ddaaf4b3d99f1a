import { CallSession, SessionDetail } from '../domain/call-session';
import { BadUserInputError, FailedAccount } from '../domain/errors';
import { EARLIEST_FROM } from '../domain/window';
import { Caller } from '../upstream/caller';
import { VendorAdapter } from '../vendors/adapter';
import { CallHistoryService, TenantScope, accountKey, checkAccounts, failureError, selectAdapters } from './call-history.service';
import { AccountPosition, Checkpoint, CheckpointCodec } from './change-checkpoint';
import { accountsFilter, filterHash as hashOfFilter } from './normalized-filter';
import { AccountOutcome, AccountResync, ChangePage, ChangeQuery, SessionChange, Step } from './change-types';
import { followVendorFeed } from './vendor-feed-step';
import { AccountScanOutcome, WalkDeps, scanWalk, takeOldest } from './window-walk-step';

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

/** Vendor requests besides list pages and reads by id one account may make for a page: the change token, and a new one. */
export const FEED_REQUESTS_PER_PAGE = 2;

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
  private readonly walks: WalkDeps;

  constructor(
    history: CallHistoryService,
    private readonly options: ChangeFeedOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.walks = { history, lookbackMs: options.lookbackMs, maxSeenPerAccount: options.maxSeenPerAccount, maxDays: options.maxDays };
  }

  async changes(scope: TenantScope, query: ChangeQuery, caller: Caller): Promise<ChangePage> {
    const now = this.now();
    const filter = accountsFilter(query);
    checkAccounts(scope, filter);
    const filterHash = hashOfFilter(filter);
    const previous = query.after !== null ? this.options.codec.decode(query.after, { tenant: scope.tenant, filterHash }) : null;
    if (previous && query.since) throw new BadUserInputError('Argument "since" applies to a new feed only: leave it out when you pass "after".', 'since');
    const since = previous ? previous.since : this.sinceOf(query.since, now);
    const settledNow = now - this.options.settleMs;
    const clock = Math.max(now, (previous?.clock ?? 0) + 1);

    const adapters = selectAdapters(scope.adapters, filter);
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
    const synced = await Promise.allSettled(syncing.map((a) => followVendorFeed(this.walks, a, positions.get(accountKey(a))!, query.first, step).then((outcome) => withDetails(a, outcome, step))));
    syncing.forEach((a, i) => settle(a, synced[i]!));

    const room = query.first - delivered.length;
    const failed = new Set(failures.map((f) => accountKey(f.account)));
    const walking = room > 0 ? adapters.filter((a) => !failed.has(accountKey(a)) && needsWalk(a, positions.get(accountKey(a))!, settledNow - this.options.freshMs)) : [];
    const walked = await Promise.allSettled(walking.map((a) => scanWalk(this.walks, a, positions.get(accountKey(a))!, room, step)));
    const scans: AccountScanOutcome[] = [];
    walking.forEach((adapter, i) => {
      const outcome = walked[i]!;
      if (outcome.status === 'rejected') failures.push({ account: { provider: adapter.provider, account: adapter.account }, error: outcome.reason });
      else scans.push(outcome.value);
    });
    const taken = takeOldest(this.walks, scans, room, step);
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

function newPosition(): AccountPosition {
  return { mark: null, walk: null, token: null, syncedAt: null, pending: [], seen: '', resyncFrom: null };
}

/** Whether the account asks its vendor's change feed this page: it has one, a token, no walk under way, and sessions to read or no ask since `staleBefore`. */
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
