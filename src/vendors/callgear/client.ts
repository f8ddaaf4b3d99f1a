import { AccountRef } from '../../domain/call-session';
import { UpstreamUnavailableError } from '../../domain/errors';
import { Caller } from '../../upstream/caller';
import { AccountStack } from '../../upstream/policy-stack';
import { MalformedResponseError, UpstreamHttpError } from '../../upstream/upstream-errors';
import { UpstreamRequest, UpstreamResponse } from '../../upstream/upstream-request';
import { VendorRateReport } from '../../upstream/rate-budget';
import { CgLimits, CgMetadata, CgRpcErrorBody, CgRpcResponse } from './types';

/** A JSON-RPC error CallGear answered (HTTP 200 with `error`, vendors.md §2.4). */
export class CgRpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly mnemonic: string,
    readonly field: string | null,
  ) {
    super(`${method} answered JSON-RPC error ${code} (${mnemonic})`);
  }
}

/** A JSON-RPC 2.0 request to CallGear's Data API (vendors.md §2). */
export function rpcRequest<R>(endpoint: string, method: string, params: Record<string, unknown>, id: number, read: (result: unknown) => R): UpstreamRequest<R> {
  return {
    operation: method,
    method: 'POST',
    url: endpoint,
    headers: { 'content-type': 'application/json; charset=UTF-8', accept: 'application/json' },
    data: { jsonrpc: '2.0', id, method, params },
    read: (response) => read(rpcResult(response.data, id, method)),
  };
}

/**
 * `get.*` calls against one CallGear account, through its policy stack: reads retry there (-32029
 * limit_exceeded waits for the reset CallGear reports in `metadata.limits`, -32603 and HTTP 5xx back off),
 * and the key goes into each call's params (see cg-auth.ts). Keys never appear in errors.
 */
export class CallGearClient {
  private serial = 0;

  constructor(
    private readonly stack: AccountStack,
    private readonly endpoint: string,
  ) {}

  /** A `get.*` method's result ({metadata, data}). */
  async read<T>(method: string, params: Record<string, unknown>, caller: Caller): Promise<{ metadata: CgMetadata; data: T[] }> {
    const request = rpcRequest(this.endpoint, method, params, ++this.serial, (result) => listOf<T>(result, method));
    // A get.* call only reads: identical ones in flight share one exchange (the id differs, the question does not).
    return (await this.stack.send({ ...request, idempotent: true, shareKey: `${method} ${JSON.stringify(params)}` }, caller)).data;
  }
}

function listOf<T>(result: unknown, method: string): { metadata: CgMetadata; data: T[] } {
  const list = result as { metadata?: CgMetadata; data?: unknown } | null;
  if (!list || !Array.isArray(list.data)) throw new MalformedResponseError(`${method} answered without a data list`);
  return { metadata: list.metadata ?? {}, data: list.data as T[] };
}

/** The result of a JSON-RPC answer; its error as a failure the stack's retry and breaker understand. */
function rpcResult(body: unknown, id: number, method: string): unknown {
  const answer = body as CgRpcResponse<unknown> | null;
  if (!answer || typeof answer !== 'object' || (answer.id !== id && answer.id !== null)) throw new MalformedResponseError(`${method} answered a body that is not its JSON-RPC response`);
  if (answer.error) throw rpcFailure(method, answer.error);
  if (answer.result === undefined) throw new MalformedResponseError(`${method} answered neither result nor error`);
  return answer.result;
}

/** CallGear's reading of a failure: its JSON-RPC codes and mnemonics (vendors.md §2.4), or the HTTP status. */
export function cgFailure(account: AccountRef, method: string, error: unknown): Error | null {
  if (error instanceof CgRpcError) {
    if (error.code === -32001) return UpstreamUnavailableError.forAccount(account, `authentication failed (${error.mnemonic}); check the account's access token or login`);
    if (error.code === -32003) return UpstreamUnavailableError.forAccount(account, `access refused (${error.mnemonic}); CallGear must whitelist Callbridge's IP address for this account`);
    if (error.code === -32009) return UpstreamUnavailableError.forAccount(account, `the CallGear account is inactive (${error.mnemonic})`);
    return UpstreamUnavailableError.forAccount(account, `${method} was refused: ${error.code} ${error.mnemonic}${error.field ? ` (${error.field})` : ''}`);
  }
  if (error instanceof UpstreamHttpError) return UpstreamUnavailableError.forAccount(account, `${method} failed with HTTP ${error.status}`);
  return null;
}

function rpcFailure(method: string, error: CgRpcErrorBody): Error {
  const code = typeof error.code === 'number' ? error.code : 0;
  const mnemonic = error.data?.mnemonic ?? 'unknown';
  // Spent points: wait for the budget's reset (vendors.md §2.3), as for an HTTP 429 with Retry-After.
  if (code === -32029) return new UpstreamHttpError(method, 429, null, limitReset(error.data?.metadata?.limits));
  if (code === -32603) return new UpstreamHttpError(method, 500, null, null);
  return new CgRpcError(method, code, mnemonic, typeof error.data?.field === 'string' ? error.data.field : null);
}

/** Seconds until the spent budget resets: the day's when the day is spent, else the minute's. */
function limitReset(limits: CgLimits | undefined): number {
  if (!limits) return 60;
  if (limits.day_remaining === 0 && typeof limits.day_reset === 'number') return Math.max(1, limits.day_reset);
  return Math.max(1, typeof limits.minute_reset === 'number' ? limits.minute_reset : 60);
}

/**
 * What a CallGear answer says of its points: `metadata.limits` on every answer (vendors.md §2.3, §2.9), a
 * minute's and a day's; the stricter of the two is followed.
 */
export function cgRateReports(response: UpstreamResponse<unknown>): VendorRateReport[] {
  const limits = (response.data as { metadata?: { limits?: CgLimits } } | null)?.metadata?.limits;
  if (!limits) return [];
  const windows = [
    { remaining: limits.minute_remaining, reset: limits.minute_reset },
    { remaining: limits.day_remaining, reset: limits.day_reset },
  ].filter((w): w is { remaining: number; reset: number } => typeof w.remaining === 'number' && typeof w.reset === 'number');
  const strictest = windows.sort((a, b) => a.remaining - b.remaining)[0];
  return strictest ? [{ group: 'points', remaining: strictest.remaining, resetSeconds: strictest.reset }] : [];
}
