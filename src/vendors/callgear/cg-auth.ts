import { Caller } from '../../upstream/caller';
import { MalformedResponseError } from '../../upstream/upstream-errors';
import { Handler, Policy, UpstreamRequest } from '../../upstream/upstream-request';
import { CgRpcError, rpcRequest } from './client';

/** A permanent API key, or a user whose temporary key login.user issues (vendors.md §2.1). */
export type CgCredentials = { readonly accessToken: string } | { readonly login: string; readonly password: string };

/** Renew a login.user key this long before it expires. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * CallGear's authentication as a step of the account's stack: the key goes into every call's params
 * (vendors.md §2.1). A temporary key from login.user is renewed before it expires, and once when CallGear
 * rejects it (-32001), never in a loop. login.user itself goes through the stack's inner part.
 */
export function callgearAuth(credentials: CgCredentials, endpoint: string, now: () => number = Date.now): (inner: Handler) => Policy {
  return (inner) => {
    let session: { token: string; expiresAt: number } | null = null;
    let inflight: Promise<string> | null = null;
    const token = async (caller: Caller): Promise<string> => {
      if ('accessToken' in credentials) return credentials.accessToken;
      if (session && session.expiresAt - EXPIRY_MARGIN_MS > now()) return session.token;
      inflight ??= login(inner, endpoint, credentials, caller)
        .then((issued) => {
          session = issued;
          return issued.token;
        })
        .finally(() => {
          inflight = null;
        });
      return inflight;
    };
    return (next) =>
      async (request, caller) => {
        // Recording links are public (vendors.md §2.8): only JSON-RPC calls carry the key.
        if (!isRpcCall(request)) return next(request, caller);
        let key = await token(caller);
        try {
          return await next(withKey(request, key), caller);
        } catch (error) {
          if (!(error instanceof CgRpcError) || error.code !== -32001 || 'accessToken' in credentials) throw error;
          // An expired or revoked temporary key: log in again once.
          if (session?.token === key) session = null;
          key = await token(caller);
          return await next(withKey(request, key), caller);
        }
      };
  };
}

async function login(send: Handler, endpoint: string, credentials: { login: string; password: string }, caller: Caller): Promise<{ token: string; expiresAt: number }> {
  const request = rpcRequest(endpoint, 'login.user', { login: credentials.login, password: credentials.password }, 0, (result) => {
    const data = (result as { data?: { access_token?: unknown; expire_at?: unknown } } | null)?.data;
    if (typeof data?.access_token !== 'string' || typeof data.expire_at !== 'number') throw new MalformedResponseError('login.user answered without access_token and expire_at');
    return { token: data.access_token, expiresAt: data.expire_at * 1000 };
  });
  return (await send(request, caller)).data;
}

function withKey<T>(request: UpstreamRequest<T>, key: string): UpstreamRequest<T> {
  const body = request.data as { params?: Record<string, unknown> };
  return { ...request, data: { ...body, params: { ...body.params, access_token: key } } };
}

const isRpcCall = (request: UpstreamRequest<unknown>): boolean => typeof request.data === 'object' && request.data !== null && 'jsonrpc' in request.data;
