import pino, { DestinationStream, Logger } from 'pino';

/**
 * Structured JSON logs (pino), one line per event on stderr. Callers pass safe fields, and redaction is the
 * second line of defence: credential-named fields are censored wherever they sit, and free text is scrubbed
 * of bearer tokens, `access_token=` query values and user:password@ URLs.
 */
const REDACT = ['authorization', 'password', 'secret', 'clientSecret', 'client_secret', 'jwt', 'token', 'access_token', 'apiKey', 'api_key'];
const REDACT_PATHS = [...REDACT, ...REDACT.map((k) => `*.${k}`), ...REDACT.map((k) => `*.*.${k}`), 'headers.authorization', 'req.headers.authorization'];

let logger = build(null, undefined);
/** Set by setLogDestination: then its level wins over CALLBRIDGE_LOG, read at each event otherwise. */
let redirected = false;

function build(destination: DestinationStream | null, level: string | undefined): Logger {
  const silent = process.env['CALLBRIDGE_LOG'] === 'silent';
  return pino(
    {
      level: level ?? (silent ? 'silent' : (process.env['CALLBRIDGE_LOG_LEVEL'] ?? 'info')),
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination ?? pino.destination({ fd: 2, sync: false }),
  );
}

/** Sends logs to another stream at a level (tests capture them this way). */
export function setLogDestination(destination: DestinationStream | null, level?: string): void {
  logger = build(destination, level);
  redirected = destination !== null;
}

/** Removes credentials from free text (error messages may quote a URL or a header). */
export function scrubText(text: string): string {
  return text
    .replace(/(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]')
    .replace(/((?:access_token|token|client_secret|password|jwt|api_key)=)[^&\s"']+/gi, '$1[redacted]')
    .replace(/(\/\/)[^/\s:@]+:[^/\s@]+@/g, '$1[redacted]@');
}

function scrub(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? scrubText(v) : v]));
}

export function logEvent(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
  if (!redirected && process.env['CALLBRIDGE_LOG'] === 'silent') return;
  logger[level]({ event, ...scrub(fields) });
}
