/**
 * What an upstream HTTP exchange produced, in safe terms only: status, a few headers and the parsed body.
 * Never the request config (AxiosError.toJSON() carries the Authorization header).
 */
export class UpstreamHttpError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly body: unknown,
    readonly retryAfterSeconds: number | null,
  ) {
    super(`${operation} answered HTTP ${status}`);
  }
}

/** The vendor did not answer (timeout, refused connection, reset). */
export class UpstreamNetworkError extends Error {
  constructor(
    readonly operation: string,
    readonly reason: string,
  ) {
    super(`${operation}: ${reason}`);
  }
}

/** A body that is not what the vendor documents (not JSON, a broken envelope or multipart). */
export class MalformedResponseError extends Error {}

/** Seconds from a Retry-After header (seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}
