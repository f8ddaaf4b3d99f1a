/**
 * CallGear's JSON-RPC 2.0 envelope and error catalogue (vendors.md §2.2, §2.4; CGD index,
 * https://www.callgear.com/en/api/data_api/). JSON-RPC errors travel with HTTP 200.
 */
export type RpcId = string | number | null;

export interface RpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data: Record<string, unknown> & { mnemonic: string };
}

/** An error a method handler raises; the server writes it as the JSON-RPC `error` member. */
export class RpcFailure extends Error {
  constructor(
    readonly code: number,
    readonly mnemonic: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toObject(metadata?: Record<string, unknown>): RpcErrorObject {
    return { code: this.code, message: this.message, data: { mnemonic: this.mnemonic, ...this.extra, ...(metadata ? { metadata } : {}) } };
  }
}

/** -32602 with one of its mnemonics, naming the field and value at fault. */
export const invalidParams = (mnemonic: string, message: string, field?: string, value?: unknown): RpcFailure =>
  new RpcFailure(-32602, mnemonic, message, { ...(field !== undefined ? { field } : {}), ...(value !== undefined ? { value } : {}) });

export const tokenError = (mnemonic: 'access_token_expired' | 'access_token_blocked' | 'access_token_invalid' | 'auth_error', message: string): RpcFailure =>
  new RpcFailure(-32001, mnemonic, message);

export function rpcResult(id: RpcId, result: unknown): Record<string, unknown> {
  return { jsonrpc: '2.0', id, result };
}

export function rpcError(id: RpcId, error: RpcErrorObject): Record<string, unknown> {
  return { jsonrpc: '2.0', id, error };
}

export interface RpcCall {
  readonly id: string | number;
  readonly method: string;
  readonly params: Record<string, unknown>;
}

/** Reads a request body into one call, or the envelope error to answer (-32700, -32600, -32099). */
export function parseEnvelope(text: string): RpcCall | { failure: RpcFailure; id: RpcId } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { failure: new RpcFailure(-32700, 'parse_error', 'Parse error'), id: null };
  }
  if (Array.isArray(body)) return { failure: new RpcFailure(-32099, 'batch_operations_not_supported', 'Batch operations are not supported'), id: null };
  if (typeof body !== 'object' || body === null) return { failure: new RpcFailure(-32600, 'invalid_request', 'Invalid Request'), id: null };
  const { jsonrpc, id, method, params } = body as Record<string, unknown>;
  const validId = typeof id === 'string' || typeof id === 'number' ? id : null;
  if (jsonrpc !== '2.0' || typeof method !== 'string') return { failure: new RpcFailure(-32600, 'invalid_request', 'Invalid Request'), id: validId };
  if (id === undefined) return { failure: new RpcFailure(-32099, 'notifications_not_supported', 'Notifications are not supported'), id: null };
  if (validId === null) return { failure: new RpcFailure(-32600, 'invalid_request', 'Invalid Request'), id: null };
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    return { failure: invalidParams('data_type_error', 'Parameter "params" must be an object', 'params'), id: validId };
  }
  return { id: validId, method, params: (params ?? {}) as Record<string, unknown> };
}
