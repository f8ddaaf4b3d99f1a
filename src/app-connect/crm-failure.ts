/** Why a connector call failed, in safe words (no token, no URL, no body), and how long the CRM asked to wait. */
export interface CrmFailure {
  readonly reason: string;
  /** Seconds the CRM asked to wait (429 Retry-After), when it said. */
  readonly retryAfter: number | null;
  readonly rateLimited: boolean;
}

export class ConnectorTimeout extends Error {
  constructor(readonly operation: string, readonly ms: number) {
    super(`${operation} did not finish within ${ms} ms`);
  }
}

/**
 * Reads a connector's failure without keeping it: connectors throw axios errors, whose `config` carries the
 * Authorization header (design rule 4), so only the status, the Retry-After and the error code are read, and
 * a message of another error is kept with every secret the connector was given cut out.
 */
export function crmFailure(error: unknown, secrets: readonly string[]): CrmFailure {
  if (error instanceof ConnectorTimeout) return { reason: error.message, retryAfter: null, rateLimited: false };
  const e = error as { response?: { status?: unknown; headers?: Record<string, unknown> }; code?: unknown; message?: unknown; isAxiosError?: unknown };
  const status = typeof e?.response?.status === 'number' ? e.response.status : null;
  if (status !== null) {
    const header = e.response!.headers?.['retry-after'];
    const seconds = header === undefined ? NaN : Number(header);
    return { reason: `the CRM answered ${status}`, retryAfter: Number.isFinite(seconds) && seconds >= 0 ? seconds : null, rateLimited: status === 429 };
  }
  const code = typeof e?.code === 'string' ? e.code : null;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return { reason: 'the CRM did not answer in time', retryAfter: null, rateLimited: false };
  if (code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'EPIPE' || code === 'ERR_NETWORK') return { reason: `the connection to the CRM failed (${code})`, retryAfter: null, rateLimited: false };
  let message = typeof e?.message === 'string' ? e.message : String(error);
  for (const secret of secrets) if (secret.length >= 4) message = message.split(secret).join('[redacted]');
  return { reason: `the connector failed: ${message.replace(/\s+/g, ' ').slice(0, 200)}`, retryAfter: null, rateLimited: false };
}
