import { AccountRef } from '../../domain/call-session';
import { BadUserInputError, UpstreamUnavailableError } from '../../domain/errors';
import { Caller } from '../../upstream/caller';
import { AccountStack } from '../../upstream/policy-stack';
import { MalformedResponseError, UpstreamHttpError } from '../../upstream/upstream-errors';
import { parseJson } from '../../upstream/http-transport';
import { UpstreamResponse } from '../../upstream/upstream-request';
import { VendorRateReport } from '../../upstream/rate-budget';
import { RcErrorBody } from './types';

/** One part of a 207 multipart/mixed bulk answer (vendors.md §1.7). */
export interface RcBulkPart {
  readonly status: number;
  readonly body: unknown;
}

/**
 * GETs against one RingCentral account, through its policy stack (bearer token renewed once on a 401,
 * reads retried, failures typed by rcFailureReading).
 */
export class RingCentralClient {
  constructor(private readonly stack: AccountStack) {}

  async getJson<T>(operation: string, url: string, caller: Caller): Promise<T> {
    return (await this.stack.send<T>({ operation, url, headers: { accept: 'application/json' } }, caller)).data;
  }

  /**
   * A bulk read by comma-separated ids: one part per id, in order (a single id answers plain JSON). A record
   * RingCentral does not have is a part with status 404, an answer rather than a failure: a made-up or
   * deleted id is the client's input, not a vendor fault (vendors.md §1.7).
   */
  async getBulk(operation: string, url: string, ids: readonly string[], caller: Caller): Promise<RcBulkPart[]> {
    const request = { operation, url, headers: { accept: 'application/json, multipart/mixed' }, responseType: 'text' as const, answerStatuses: ids.length === 1 ? [404] : [], read: (response: UpstreamResponse<unknown>) => readBulk(response, ids, operation) };
    return (await this.stack.send(request, caller)).data;
  }
}

/** RingCentral's reading of an HTTP failure; the vendor's own words only where they describe the client's input. */
export function rcFailure(account: AccountRef, operation: string, error: unknown): Error | null {
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

function readBulk(response: UpstreamResponse<unknown>, ids: readonly string[], operation: string): RcBulkPart[] {
  const contentType = String(response.headers['content-type'] ?? '');
  const text = response.data as string;
  if (ids.length === 1 && !contentType.startsWith('multipart/')) {
    const body = parseJson(text, operation);
    // Only "no record has this id" (CMN-102) is an answer; any other 404 (a wrong path, AGW-404) is a failure.
    if (response.status === 404 && (body as RcErrorBody | null)?.errorCode !== 'CMN-102') throw new UpstreamHttpError(operation, 404, body, null);
    return [{ status: response.status, body }];
  }
  return parseMultipart(contentType, text, operation).slice(1);
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
    return parseJson(chunk.slice(split).trim(), operation);
  });
  const summary = jsons[0] as { response?: Array<{ status?: number }> } | undefined;
  if (!summary || !Array.isArray(summary.response) || summary.response.length !== jsons.length - 1) {
    throw new MalformedResponseError(`${operation} answered a multipart body that does not match its summary`);
  }
  return [{ status: 207, body: summary }, ...jsons.slice(1).map((json, i) => ({ status: summary.response![i]!.status ?? 0, body: json }))];
}

/**
 * What a RingCentral answer says of its rate group: X-Rate-Limit-Group, -Remaining and -Window on every answer
 * (vendors.md §1.8, §1.10; limits "vary among apps"). The window slides, so the count is kept for a whole window.
 */
export function rcRateReports(response: UpstreamResponse<unknown>): VendorRateReport[] {
  const group = response.headers['x-rate-limit-group'];
  const remaining = Number(response.headers['x-rate-limit-remaining']);
  const window = Number(response.headers['x-rate-limit-window']);
  if (typeof group !== 'string' || group === '' || !Number.isFinite(remaining) || !Number.isFinite(window)) return [];
  return [{ group: group.charAt(0).toUpperCase() + group.slice(1).toLowerCase(), remaining, resetSeconds: window }];
}
