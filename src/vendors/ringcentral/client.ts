import { AccountRef } from '../../domain/call-session';
import { BadUserInputError, UpstreamUnavailableError } from '../../domain/errors';
import { RetryPolicy } from '../../upstream/retry';
import { UpstreamHttpError } from '../../upstream/upstream-errors';
import { MalformedResponseError, UpstreamHttp } from '../../upstream/upstream-http';
import { StreamedResponse, streamGet } from '../../upstream/stream-get';
import { BearerReader, authorizedRead } from '../../upstream/bearer-auth';
import { RcTokenManager } from './token-manager';
import { RcErrorBody } from './types';

/** One part of a 207 multipart/mixed bulk answer (vendors.md §1.7). */
export interface RcBulkPart {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Authenticated GETs against one RingCentral account. A 401 re-authenticates once; reads retry per the
 * policy (429 waits its Retry-After); every failure leaves as a typed error naming the account.
 */
export class RingCentralClient {
  private readonly reader: BearerReader;

  constructor(
    private readonly http: UpstreamHttp,
    tokens: RcTokenManager,
    account: AccountRef,
    retry: RetryPolicy,
  ) {
    this.reader = { retry, tokens, account, vendorReading: (operation, error) => rcFailure(account, operation, error) };
  }

  async getJson<T>(operation: string, url: string, signal: AbortSignal): Promise<T> {
    const response = await this.authorized(operation, signal, (headers) => this.http.send<T>({ operation, url, headers: { ...headers, accept: 'application/json' }, signal }));
    return response.data;
  }

  /** A bulk read by comma-separated ids: one part per id, in order (a single id answers plain JSON). */
  async getBulk(operation: string, url: string, ids: readonly string[], signal: AbortSignal): Promise<RcBulkPart[]> {
    const response = await this.authorized(operation, signal, (headers) => this.http.send<string>({ operation, url, headers: { ...headers, accept: 'application/json, multipart/mixed' }, signal, responseType: 'text' }));
    const contentType = String(response.headers['content-type'] ?? '');
    if (ids.length === 1 && !contentType.startsWith('multipart/')) return [{ status: response.status, body: safeJson(response.data, operation) }];
    return parseMultipart(contentType, response.data, operation).slice(1);
  }

  async getStream(operation: string, url: string, range: string | undefined, signal: AbortSignal): Promise<StreamedResponse> {
    return this.authorized(operation, signal, (headers) => streamGet(this.http, operation, url, headers, range, signal));
  }

  private authorized<R>(operation: string, signal: AbortSignal, send: (headers: Record<string, string>) => Promise<R>): Promise<R> {
    return authorizedRead(this.reader, operation, signal, send);
  }
}

/** RingCentral's reading of an HTTP failure; the vendor's own words only where they describe the client's input. */
function rcFailure(account: AccountRef, operation: string, error: unknown): Error | null {
  if (!(error instanceof UpstreamHttpError)) return null;
  const body = (error.body ?? {}) as RcErrorBody;
  const code = body.errorCode ?? body.errors?.[0]?.errorCode ?? 'unknown';
  if (error.status === 400 && (code.startsWith('CMN-1') || code.startsWith('CLG-'))) {
    return new BadUserInputError(`RingCentral refused the request (${code}): ${body.message ?? 'invalid parameter'}`);
  }
  if (error.status === 401 || error.status === 403) {
    return UpstreamUnavailableError.forAccount(account, `authentication failed (${code}); check the account's credentials and permissions`);
  }
  return UpstreamUnavailableError.forAccount(account, `${operation} failed with HTTP ${error.status} (${code})`);
}

function safeJson(text: string, operation: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedResponseError(`${operation} answered with a body that is not valid JSON`);
  }
}

/** Splits a multipart/mixed body into JSON parts; the first is the summary with each part's status. */
export function parseMultipart(contentType: string, body: string, operation: string): RcBulkPart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new MalformedResponseError(`${operation} answered multipart without a boundary`);
  const chunks = body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'));
  const jsons = chunks.map((chunk) => {
    const split = chunk.indexOf('\r\n\r\n') >= 0 ? chunk.indexOf('\r\n\r\n') + 4 : chunk.indexOf('\n\n') + 2;
    return safeJson(chunk.slice(split).trim(), operation);
  });
  const summary = jsons[0] as { response?: Array<{ status?: number }> } | undefined;
  if (!summary || !Array.isArray(summary.response) || summary.response.length !== jsons.length - 1) {
    throw new MalformedResponseError(`${operation} answered a multipart body that does not match its summary`);
  }
  return [{ status: 207, body: summary }, ...jsons.slice(1).map((json, i) => ({ status: summary.response![i]!.status ?? 0, body: json }))];
}
