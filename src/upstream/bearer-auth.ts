import { UpstreamHttpError } from './upstream-errors';
import { AccountRef } from '../domain/call-session';
import { RetryPolicy, retryRead } from './retry';
import { VendorFailureReader, typedUpstreamFailure } from './typed-failure';

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

/** What a bearer-token client reads with: its retry policy, its tokens, and the account failures name. */
export interface BearerReader {
  readonly retry: RetryPolicy;
  readonly tokens: BearerTokenSource;
  readonly account: AccountRef;
  readonly vendorReading: VendorFailureReader;
}

/** An idempotent read with a bearer token, retried per the policy; any failure leaves as a typed error. */
export async function authorizedRead<R>(reader: BearerReader, operation: string, signal: AbortSignal, send: (headers: Record<string, string>) => Promise<R>): Promise<R> {
  try {
    return await retryRead(reader.retry, signal, () => sendWithBearer(reader.tokens, signal, send));
  } catch (error) {
    throw typedUpstreamFailure(reader.account, operation, error, reader.vendorReading);
  }
}
