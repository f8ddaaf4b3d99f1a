import axios, { AxiosRequestConfig, isAxiosError } from 'axios';
import { Readable } from 'node:stream';
import { MalformedResponseError, UpstreamHttpError, UpstreamNetworkError, parseRetryAfter } from './upstream-errors';
import { deadlinePassed } from './caller';
import { RequestCounter } from './request-counter';
import { Handler, UpstreamRequest, UpstreamResponse } from './upstream-request';

export interface HttpTransportOptions {
  readonly vendor: string;
  readonly account: string;
  /** Per-attempt timeout. */
  readonly timeoutMs: number;
  readonly counter: RequestCounter;
}

/**
 * The innermost step of every account's stack: one HTTP exchange with a per-attempt timeout, counted, and
 * failing with a safe error (UpstreamHttpError / UpstreamNetworkError / MalformedResponseError), never a raw
 * AxiosError, whose toJSON() carries the Authorization header.
 */
export function httpTransport(options: HttpTransportOptions): Handler {
  const http = axios.create({ validateStatus: () => true, maxRedirects: 0 });
  return async <T>(request: UpstreamRequest<T>, caller: Parameters<Handler>[1]): Promise<UpstreamResponse<T>> => {
    // The timeout covers the exchange until the answer is in hand: the whole body for JSON and text, the
    // headers for a stream, whose body may then take as long as the client keeps listening.
    const attempt = new AbortController();
    const timer = setTimeout(() => attempt.abort(), options.timeoutMs);
    const config: AxiosRequestConfig = {
      method: request.method ?? 'GET',
      url: request.url,
      headers: request.headers,
      data: request.data === undefined || typeof request.data === 'string' ? request.data : JSON.stringify(request.data),
      signal: AbortSignal.any([caller.signal, attempt.signal]),
      responseType: request.responseType === 'stream' ? 'stream' : 'text',
      // Parse JSON ourselves so that a malformed body becomes a typed error, not a string.
      transformResponse: (data: unknown) => data,
    };
    const started = performance.now();
    caller.onRequest?.();
    const seconds = (): number => (performance.now() - started) / 1000;
    let raw;
    try {
      raw = await http.request(config);
    } catch (error) {
      // A client that went away is not a network error of the vendor's.
      const outcome = caller.signal.aborted && !deadlinePassed(caller.signal) ? 'cancelled' : 'network_error';
      options.counter.count(options.vendor, options.account, request.operation, outcome, seconds());
      throw new UpstreamNetworkError(request.operation, describeNetworkError(error, caller.signal, attempt.signal));
    } finally {
      clearTimeout(timer);
    }
    options.counter.count(options.vendor, options.account, request.operation, String(raw.status), seconds());
    const headers = raw.headers as Record<string, unknown>;
    const answered = (raw.status >= 200 && raw.status < 300) || (request.answerStatuses?.includes(raw.status) ?? false);
    if (!answered) {
      const body = request.responseType === 'stream' ? await drainSmall(raw.data as Readable) : tryParseJson(raw.data);
      throw new UpstreamHttpError(request.operation, raw.status, body, retryAfterOf(raw.status, headers));
    }
    const data = request.responseType === 'stream' || request.responseType === 'text' ? raw.data : parseJson(raw.data as string, request.operation);
    const response: UpstreamResponse<unknown> = { status: raw.status, headers, data };
    return (request.read ? { ...response, data: request.read(response) } : response) as UpstreamResponse<T>;
  };
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
  if (caller.aborted) return deadlinePassed(caller) ? "no answer before the operation's deadline" : 'the request was cancelled';
  if (attempt.aborted) return 'no answer before the timeout';
  if (isAxiosError(error)) {
    if (error.code === 'ECONNREFUSED') return 'connection refused';
    if (error.code === 'ECONNRESET') return 'connection reset';
    if (error.code) return `network error ${error.code}`;
  }
  return 'network error';
}

export function parseJson(text: string, operation: string): unknown {
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
