import { UpstreamHttpError } from './upstream-errors';
import { Caller } from './caller';
import { Handler, Policy, UpstreamRequest } from './upstream-request';

/** Where a client gets its bearer token, and how it drops one the vendor refused. */
export interface BearerTokenSource {
  accessToken(caller: Caller): Promise<string>;
  /** Forgets this token if it is still the current one, so the next accessToken() renews it. */
  invalidate(token: string): void;
}

/** Makes a token source from the stack's inner handler (token grants are sent without bearer auth). */
export type BearerTokenFactory = (inner: Handler) => BearerTokenSource;

const withBearer = <T>(request: UpstreamRequest<T>, token: string): UpstreamRequest<T> => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } });

/**
 * Sends with a bearer token; a 401 (expired or revoked token) gets a new token and one more try, never a
 * loop. Any other failure is left to the policies around it (retry, typed errors).
 */
export function bearerAuth(tokens: BearerTokenSource): Policy {
  return (next) =>
    async (request, caller) => {
      let token = await tokens.accessToken(caller);
      try {
        return await next(withBearer(request, token), caller);
      } catch (error) {
        if (!(error instanceof UpstreamHttpError) || error.status !== 401) throw error;
        tokens.invalidate(token);
        token = await tokens.accessToken(caller);
        return await next(withBearer(request, token), caller);
      }
    };
}
