/** One JSON line per event on stderr. Callers pass only safe fields: never a token, a key or a request config. */
export function logEvent(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
  if (process.env['CALLBRIDGE_LOG'] === 'silent') return;
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
}
