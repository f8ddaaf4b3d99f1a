import axios, { AxiosInstance, AxiosRequestConfig, AxiosResponse, isAxiosError } from 'axios';
import { Readable } from 'node:stream';
import { UpstreamHttpError, UpstreamNetworkError, parseRetryAfter } from './upstream-errors';
import { RequestCounter } from './request-counter';
import { currentDeadline, currentOperation } from '../observability/operation-scope';
import { RateBudget } from './rate-budget';
import { SingleFlight } from './single-flight';
import { AccountBulkhead } from './account-bulkhead';

export interface UpstreamHttpOptions {
  readonly vendor: string;
  readonly account: string;
  /** Per-attempt timeout. */
  readonly timeoutMs: number;
  readonly counter: RequestCounter;
  /** The vendor quota this account spends (shared with other accounts of the same quota holder). */
  readonly budget: RateBudget;
  /** How many requests to this account may run at once. */
  readonly bulkhead: AccountBulkhead;
}

export interface UpstreamRequest {
  /** Name of the vendor operation, for counting and errors (e.g. "call-log.list"). */
  readonly operation: string;
  readonly method?: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly data?: unknown;
  readonly signal: AbortSignal;
  readonly responseType?: 'json' | 'text' | 'stream';
  /**
   * Requests with the same key running at the same time share one HTTP call. GETs of JSON or text share by
   * URL unless told otherwise; give a key to share a POST that only reads (JSON-RPC `get.*`).
   */
  readonly shareKey?: string | null;
}

/**
 * The only way vendor clients reach the network. Every request shares an identical one in flight if it can,
 * spends its account's rate budget (waiting for it up to the operation's deadline), takes a place in the
 * account's bulkhead, has a per-attempt timeout and an abort signal, is counted, and fails with a safe
 * error (UpstreamHttpError / UpstreamNetworkError / RateLimitedError), never a raw AxiosError.
 */
export class UpstreamHttp {
  private readonly http: AxiosInstance;
  private readonly flights = new SingleFlight();

  constructor(private readonly options: UpstreamHttpOptions) {
    this.http = axios.create({ validateStatus: () => true, maxRedirects: 0 });
  }

  /** Sends the request; resolves for 2xx, rejects with UpstreamHttpError for any other status. */
  async send<T>(request: UpstreamRequest): Promise<AxiosResponse<T>> {
    const key = shareKeyOf(request);
    if (key === null) return this.budgeted<T>(request, request.signal);
    try {
      return await this.flights.run(key, request.signal, (shared) => this.budgeted<T>(request, shared));
    } catch (error) {
      if (request.signal.aborted) throw new UpstreamNetworkError(request.operation, 'the request was cancelled');
      throw error;
    }
  }

  private async budgeted<T>(request: UpstreamRequest, signal: AbortSignal): Promise<AxiosResponse<T>> {
    try {
      await this.options.budget.spend(request.operation, currentDeadline(), signal);
    } catch (error) {
      if (signal.aborted) throw new UpstreamNetworkError(request.operation, 'the request was cancelled');
      throw error;
    }
    return this.options.bulkhead.run(request.operation, signal, (inner) => this.attempt<T>({ ...request, signal: inner }));
  }

  private async attempt<T>(request: UpstreamRequest): Promise<AxiosResponse<T>> {
    // The per-attempt timeout covers the exchange until the answer is in hand: the whole body for JSON and
    // text, the headers for a stream, whose body may then take as long as the client keeps listening.
    const attempt = new AbortController();
    const timer = setTimeout(() => attempt.abort(), this.options.timeoutMs);
    const config: AxiosRequestConfig = {
      method: request.method ?? 'GET',
      url: request.url,
      headers: request.headers,
      data: request.data,
      signal: AbortSignal.any([request.signal, attempt.signal]),
      responseType: request.responseType === 'stream' ? 'stream' : 'text',
      // Parse JSON ourselves so that a malformed body becomes a typed error, not a string.
      transformResponse: (data: unknown) => data,
    };
    let response: AxiosResponse;
    const started = performance.now();
    const scope = currentOperation();
    if (scope) scope.upstreamCalls += 1;
    const seconds = () => (performance.now() - started) / 1000;
    try {
      response = await this.http.request(config);
    } catch (error) {
      this.options.counter.count(this.options.vendor, this.options.account, request.operation, 'network_error', seconds());
      throw new UpstreamNetworkError(request.operation, describeNetworkError(error, request.signal, attempt.signal));
    } finally {
      clearTimeout(timer);
    }
    this.options.counter.count(this.options.vendor, this.options.account, request.operation, String(response.status), seconds());
    if (response.status >= 200 && response.status < 300) {
      if (request.responseType === 'stream') return response as AxiosResponse<T>;
      if (request.responseType === 'text') return response as AxiosResponse<T>;
      return { ...response, data: parseJson(response.data as string, request.operation) as T };
    }
    const body = request.responseType === 'stream' ? await drainSmall(response.data as Readable) : tryParseJson(response.data as string);
    throw new UpstreamHttpError(request.operation, response.status, body, retryAfterOf(response.status, response.headers as Record<string, unknown>));
  }
}

function shareKeyOf(request: UpstreamRequest): string | null {
  if (request.shareKey !== undefined) return request.shareKey;
  if ((request.method ?? 'GET') !== 'GET' || request.responseType === 'stream') return null;
  return `GET ${request.url} ${request.headers?.['accept'] ?? ''} ${request.responseType ?? 'json'}`;
}

/**
 * How long a vendor asks to wait: Retry-After (seconds or an HTTP date), or for a 429 without it, the
 * seconds until the quota resets (Telphin's X-RateLimit-Reset, vendors.md §3.6).
 */
function retryAfterOf(status: number, headers: Record<string, unknown>): number | null {
  const retryAfter = parseRetryAfter(headers['retry-after'] as string | undefined);
  if (retryAfter !== null || status !== 429) return retryAfter;
  const reset = headers['x-ratelimit-reset'];
  return typeof reset === 'string' && /^\d+$/.test(reset.trim()) ? Number(reset.trim()) : null;
}

function describeNetworkError(error: unknown, caller: AbortSignal, attempt: AbortSignal): string {
  if (caller.aborted) return 'the request was cancelled';
  if (attempt.aborted) return 'no answer before the timeout';
  if (isAxiosError(error)) {
    if (error.code === 'ECONNREFUSED') return 'connection refused';
    if (error.code === 'ECONNRESET') return 'connection reset';
    if (error.code) return `network error ${error.code}`;
  }
  return 'network error';
}

/** A body that is not JSON is a malformed response. */
export class MalformedResponseError extends Error {}

function parseJson(text: string, operation: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedResponseError(`${operation} answered with a body that is not valid JSON`);
  }
}

function tryParseJson(text: unknown): unknown {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function drainSmall(stream: Readable): Promise<unknown> {
  let text = '';
  for await (const chunk of stream) {
    text += chunk.toString();
    if (text.length > 16_384) break;
  }
  stream.destroy();
  return tryParseJson(text);
}
