import { CallSession } from '../domain/call-session';
import { AppError, FailedAccount } from '../domain/errors';
import { Provider } from '../domain/provider';
import { Caller } from '../upstream/caller';
import { AccountPosition } from './change-checkpoint';

/** The change feed's answers and what its steps share (change-feed.service.ts). */
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

/** One account's part of a page: what it delivers, and where it stands after. */
export interface AccountOutcome {
  readonly changes: SessionChange[];
  readonly position: AccountPosition;
  /** Set when a full re-read of the account ended on this page. */
  readonly resynced?: AccountResync;
}

/** What one page's steps share: its since, times, version and what the operation selects. */
export interface Step {
  readonly since: number;
  /** This page's time, and that time less the settle interval (epoch ms). */
  readonly now: number;
  readonly settledNow: number;
  readonly clock: number;
  readonly withDetail: boolean;
  readonly needsDetail: boolean;
  readonly caller: Caller;
}

