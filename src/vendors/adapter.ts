import { Readable } from 'node:stream';
import { RowFilter } from '../domain/call-filter';
import { CallSession, Extension, SessionDetail } from '../domain/call-session';
import { Provider } from '../domain/provider';
import { SortOrder } from '../domain/ordering';
import { Caller } from '../upstream/caller';
import { PagingStrategy } from './paging-strategy';

/** What a walk lists from one account: everything that shapes the vendor's answer, beside window and position. */
export interface Listing {
  readonly order: SortOrder;
  /**
   * Only rows that pass it: the adapter pushes down what the vendor filters itself, the engine checks the
   * rest after mapping. When it has `hasRecording`, the rows must say whether they have a recording (their
   * `hasRecording` flag, or their detail): an adapter whose plain rows cannot say must list the detail.
   */
  readonly filter: RowFilter;
  /** List legs and recordings with the rows when the vendor can do so cheaply (a detailed view). */
  readonly withDetail: boolean;
}

/** The bytes of a recording, streamed. */
export interface RecordingContent {
  /** 200, 206 for a satisfied Range, 416 for an unsatisfiable one. */
  readonly status: 200 | 206 | 416;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readable;
}

/** What a vendor's recording metadata says of a recording that its listing did not. */
export interface RecordingFacts {
  /** Seconds. */
  readonly duration: number | null;
  readonly contentType: string | null;
}

/** A session a vendor's change feed named: its native id and start time (epoch ms). */
export interface TouchedSession {
  readonly nativeId: string;
  readonly startTime: number;
}

/** What changed in an account since a change token: the sessions touched, and the next token. */
export interface VendorChanges {
  /** Sessions added, changed or deleted since the token: read again (by their start times) to learn which. */
  readonly touched: readonly TouchedSession[];
  readonly token: string;
}

/** Where a vendor change feed begins: its token, and the vendor's time it stands for (epoch ms). */
export interface VendorFeedStart {
  readonly token: string;
  /** Everything changed after it comes through the token; a walk up to it reads the rest. */
  readonly at: number;
}

/**
 * A vendor's own change feed (RingCentral's Call Log Sync), for accounts where the vendor keeps one. Without
 * it the change feed re-reads a window behind each account's watermark (history/changes/).
 */
export interface VendorChangeFeed {
  /** A token for the changes made from now on, to sessions that started at or after `since`. */
  start(since: Date, caller: Caller): Promise<VendorFeedStart>;
  /** The changes since a token; null when the vendor refuses the token and a new start is needed (a forced full sync). */
  changesSince(token: string, caller: Caller): Promise<VendorChanges | null>;
}

/** The one interface every vendor implements. Vendor shapes never cross it: only domain objects do. */
export interface VendorAdapter {
  readonly provider: Provider;
  /** The configured account key. */
  readonly account: string;
  /** The account's country (ISO alpha-2) for numbers given without a country code: the vendor's and a client's. */
  readonly defaultCountry?: string;
  /** The vendor's cap for one extension lookup batch. */
  readonly extensionBatchSize: number;
  /** The vendor's cap for one detail (legs) batch. */
  readonly detailBatchSize: number;
  /**
   * Whether the plain listing (without detail) says which sessions have recordings, so that a recording that
   * arrives later changes the listed row. Where it does not (Telphin's `calls`), the change feed lists with detail.
   */
  readonly listsRecordings: boolean;

  /**
   * How to page the vendor for a listing: declared here, run (and cached) by the engine in history/. A vendor
   * may first learn something of the account (CallGear: its time zone), hence the caller and the promise.
   */
  paging(listing: Listing, caller: Caller): PagingStrategy | Promise<PagingStrategy>;
  /** One session by native id, with detail; null when the vendor has no such session. */
  getSession(nativeId: string, caller: Caller): Promise<CallSession | null>;
  /** Legs and recordings of sessions, in the order asked; null for a session the vendor does not know. */
  loadDetails(sessions: readonly CallSession[], caller: Caller): Promise<Array<SessionDetail | null>>;
  /** Extensions by native id, in the order asked; null for an unknown or deleted one. */
  getExtensions(nativeIds: readonly string[], caller: Caller): Promise<Array<Extension | null>>;
  /** The account's whole extension directory, as the vendor lists it now (kept for the directory TTL). */
  listExtensions(caller: Caller): Promise<readonly Extension[]>;
  /**
   * Length and format of recordings the listing names without them, by native id, in the order asked (null:
   * the vendor has no such recording). Present only where a vendor keeps such metadata apart (RingCentral's
   * recording resource, one request each): it is read only when a client selects those fields.
   */
  describeRecordings?(nativeIds: readonly string[], caller: Caller): Promise<Array<RecordingFacts | null>>;
  /** Streams a recording; `range` is the client's Range header, passed on. Null when the vendor has no such recording. */
  openRecording(nativeId: string, range: string | undefined, caller: Caller): Promise<RecordingContent | null>;
  /** The vendor's own change feed, when the account has one (absent: the change feed re-reads windows). */
  readonly changeFeed?: VendorChangeFeed;
  /** Resolves when the vendor answers, rejects with a typed error when it does not. */
  ping(caller: Caller): Promise<void>;
}
