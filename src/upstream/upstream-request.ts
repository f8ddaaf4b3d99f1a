import { Caller } from './caller';

/** One vendor HTTP request, as a vendor client describes it to its account's policy stack. */
export interface UpstreamRequest<T = unknown> {
  /** Name of the vendor operation, for budgets, counting and errors (e.g. "call-log.list"). */
  readonly operation: string;
  readonly method?: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A body: a string is sent as it is, anything else as JSON. */
  readonly data?: unknown;
  readonly responseType?: 'json' | 'text' | 'stream';
  /**
   * Reads the answer inside the stack (a JSON-RPC envelope, a multipart body), so that what it finds wrong
   * (a vendor error in a 200, a malformed body) is retried, counted by the breaker and typed like any failure.
   */
  readonly read?: (response: UpstreamResponse<unknown>) => T;
  /** Statuses that are answers for the caller rather than failures (404 for "no such recording"). */
  readonly answerStatuses?: readonly number[];
  /**
   * Requests with the same key in flight at once share one exchange. GETs of JSON or text share by URL
   * unless told otherwise; give a key to share a POST that only reads (JSON-RPC `get.*`); null never shares.
   */
  readonly shareKey?: string | null;
  /** Safe to send again after a failure (reads). Default: GET. */
  readonly idempotent?: boolean;
}

export interface UpstreamResponse<T> {
  readonly status: number;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly data: T;
}

/** Sends a request on a caller's behalf: the HTTP exchange, or a policy around it. */
export type Handler = <T>(request: UpstreamRequest<T>, caller: Caller) => Promise<UpstreamResponse<T>>;

/** One upstream policy (budget, bulkhead, breaker, retry, ...): wraps the handler that comes after it. */
export type Policy = (next: Handler) => Handler;

/** Applies policies around a handler, the first one outermost (cockatiel's `wrap` reading order). */
export function wrap(...policies: ReadonlyArray<Policy | null>): (handler: Handler) => Handler {
  return (handler) => policies.reduceRight<Handler>((next, policy) => (policy ? policy(next) : next), handler);
}

export const isIdempotent = (request: UpstreamRequest<unknown>): boolean => request.idempotent ?? (request.method ?? 'GET') === 'GET';
