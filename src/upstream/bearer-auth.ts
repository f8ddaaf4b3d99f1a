import { UpstreamHttpError } from './upstream-errors';

/** Where a client gets its bearer token, and how it drops one the vendor refused. */
export interface BearerTokenSource {
  accessToken(signal: AbortSignal): Promise<string>;
  /** Forgets this token if it is still the current one, so the next accessToken() renews it. */
  invalidate(token: string): void;
}

/**
 * Sends with a bearer token; a 401 (expired or revoked token) gets a new token and one more try, never a
 * loop. Any other failure is the caller's to handle (retry policy, typed errors).
 */
export async function sendWithBearer<R>(tokens: BearerTokenSource, signal: AbortSignal, send: (headers: Record<string, string>) => Promise<R>): Promise<R> {
  let token = await tokens.accessToken(signal);
  try {
    return await send({ authorization: `Bearer ${token}` });
  } catch (error) {
    if (!(error instanceof UpstreamHttpError) || error.status !== 401) throw error;
    tokens.invalidate(token);
    token = await tokens.accessToken(signal);
    return await send({ authorization: `Bearer ${token}` });
  }
}
