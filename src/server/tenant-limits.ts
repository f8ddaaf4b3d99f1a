import { createHash } from 'node:crypto';
import { RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TenantDirectory } from '../app/tenant-directory';
import { TenantScope } from '../history/call-history.service';
import { sendHttpError } from './http-errors';

export interface TenantLimitSettings {
  /** Requests one tenant may make in any minute (all its keys together). */
  readonly requestsPerMinute: number;
  /** Requests one API key may make in any minute: one runaway integration leaves its tenant's other keys some. */
  readonly requestsPerKeyPerMinute: number;
  /** Requests one tenant may have in progress at once. */
  readonly maxConcurrent: number;
}

/**
 * Who a request counts against: its tenant and its key when the key is valid (the anonymous tenant has none),
 * else its address (its answer will be a 401).
 */
function holderOf(tenants: TenantDirectory, authorization: string | undefined, address: string | undefined): { holder: string; key: string | null; scope: TenantScope | null } {
  try {
    const scope = tenants.authenticate(authorization);
    const key = authorization ? `key:${createHash('sha256').update(authorization.trim()).digest('base64url')}` : null;
    return { holder: `tenant:${scope.tenant}`, key, scope };
  } catch {
    return { holder: `address:${address ?? 'unknown'}`, key: null, scope: null };
  }
}

/** The tenant the edge already found for this request (so the key is checked once), if it found one. */
export function authenticatedScope(res: Response): TenantScope | undefined {
  return res.locals['scope'] as TenantScope | undefined;
}

/**
 * The inbound limit at the HTTP edge, per tenant: a rate (rate-limiter-flexible) and a cap on requests in
 * progress, so that one tenant's flood cannot take the vendor budgets every tenant shares. A refusal is HTTP 429
 * with Retry-After and a RATE_LIMITED error, before any work is done.
 */
export function tenantLimits(tenants: TenantDirectory, settings: TenantLimitSettings): RequestHandler {
  const rate = new RateLimiterMemory({ points: settings.requestsPerMinute, duration: 60 });
  const perKey = new RateLimiterMemory({ points: settings.requestsPerKeyPerMinute, duration: 60, keyPrefix: 'key' });
  const inProgress = new Map<string, number>();
  const refuse = (res: Parameters<RequestHandler>[1], seconds: number, why: string): void => {
    res.set('Retry-After', String(seconds));
    sendHttpError(res, 429, 'RATE_LIMITED', why, { retryAfter: seconds });
  };
  return async (req, res, next) => {
    const { holder, key, scope } = holderOf(tenants, req.headers.authorization, req.socket.remoteAddress);
    const running = inProgress.get(holder) ?? 0;
    if (running >= settings.maxConcurrent) return refuse(res, 1, `Too many requests in progress (at most ${settings.maxConcurrent} at once); retry when one has finished.`);
    const secondsOf = (refusal: unknown): number => Math.max(1, Math.ceil((refusal as RateLimiterRes).msBeforeNext / 1000));
    if (key !== null) {
      try {
        await perKey.consume(key);
      } catch (refusal) {
        return refuse(res, secondsOf(refusal), `Too many requests with this API key (at most ${settings.requestsPerKeyPerMinute} a minute); retry in ${secondsOf(refusal)} s.`);
      }
    }
    try {
      await rate.consume(holder);
    } catch (refusal) {
      return refuse(res, secondsOf(refusal), `Too many requests (at most ${settings.requestsPerMinute} a minute); retry in ${secondsOf(refusal)} s.`);
    }
    if (scope) res.locals['scope'] = scope;
    inProgress.set(holder, (inProgress.get(holder) ?? 0) + 1);
    res.on('close', () => {
      const left = (inProgress.get(holder) ?? 1) - 1;
      if (left > 0) inProgress.set(holder, left);
      else inProgress.delete(holder);
    });
    next();
  };
}
