import { Readable } from 'node:stream';
import { RowFilter } from '../domain/call-filter';
import { CallSession, Extension, SessionDetail } from '../domain/call-session';
import { Provider } from '../domain/enums';
import { SortKey, SortOrder } from '../domain/ordering';

/** An inclusive time window [from, to]. */
export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

/**
 * Where a vendor walk can resume: the vendor's own position (page number, offset, ...) inside a fixed window.
 * Positions are only meaningful for the window they were made in. They are hints: the keyset stays the truth.
 */
export interface ResumePosition {
  /** The window the position belongs to, epoch ms [from, to]. */
  readonly w: readonly [number, number];
  /** The vendor position (JSON). */
  readonly p: unknown;
}

export interface ListSessionsRequest {
  /** Rows with startTime inside this window, already capped at the walk's asOf. */
  readonly window: TimeWindow;
  readonly order: SortOrder;
  /** Return only rows strictly after this key in the walk order (null: from the start). */
  readonly after: SortKey | null;
  /** Return at most this many rows. */
  readonly limit: number;
  /**
   * Only rows that pass it; push down what the vendor filters itself, check the rest after mapping.
   * When it has `hasRecording`, the rows checked must say whether they have a recording (their
   * `hasRecording` flag, or their detail): an adapter whose plain rows cannot say must fetch the detail.
   */
  readonly filter: RowFilter;
  /** Fetch legs and recordings with the rows when the vendor can do so cheaply (a detailed view). */
  readonly withDetail: boolean;
  /** Where the previous page of this walk stopped, if known. */
  readonly resume: ResumePosition | null;
  /** How many vendor pages this call may read before it stops short (see ListSessionsResult.frontier). */
  readonly maxVendorPages: number;
  readonly signal: AbortSignal;
}

export interface ListedSession {
  readonly session: CallSession;
  /** Position of the vendor page this row was read from. */
  readonly position: ResumePosition;
}

export interface ListSessionsResult {
  /** Matching rows strictly after `after`, in the walk order, at most `limit`. */
  readonly rows: readonly ListedSession[];
  /** True when no row after the last returned one exists in the window. */
  readonly exhausted: boolean;
  /**
   * Set when the scan bound stopped the adapter before `limit` rows: every row up to this key
   * (in walk order) was examined, nothing after it was. The engine must not emit rows past it.
   */
  readonly frontier: SortKey | null;
  /** Where to resume after the last returned row (null when exhausted). */
  readonly tail: ResumePosition | null;
}

/** The bytes of a recording, streamed. */
export interface RecordingContent {
  /** 200, 206 for a satisfied Range, 416 for an unsatisfiable one. */
  readonly status: 200 | 206 | 416;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readable;
}

/** The one interface every vendor implements. Vendor shapes never cross it: only domain objects do. */
export interface VendorAdapter {
  readonly provider: Provider;
  /** The configured account key. */
  readonly account: string;
  /** The vendor's cap for one extension lookup batch. */
  readonly extensionBatchSize: number;
  /** The vendor's cap for one detail (legs) batch. */
  readonly detailBatchSize: number;

  listSessions(request: ListSessionsRequest): Promise<ListSessionsResult>;
  /** One session by native id, with detail; null when the vendor has no such session. */
  getSession(nativeId: string, signal: AbortSignal): Promise<CallSession | null>;
  /** Legs and recordings of sessions, in the order asked; null for a session the vendor does not know. */
  loadDetails(sessions: readonly CallSession[], signal: AbortSignal): Promise<Array<SessionDetail | null>>;
  /** Extensions by native id, in the order asked; null for an unknown or deleted one. */
  getExtensions(nativeIds: readonly string[], signal: AbortSignal): Promise<Array<Extension | null>>;
  /** Streams a recording; `range` is the client's Range header, passed on. Null when the vendor has no such recording. */
  openRecording(nativeId: string, range: string | undefined, signal: AbortSignal): Promise<RecordingContent | null>;
  /** Resolves when the vendor answers, rejects with a typed error when it does not. */
  ping(signal: AbortSignal): Promise<void>;
}
