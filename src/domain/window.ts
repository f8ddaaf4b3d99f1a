const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The earliest `from` accepted: before any of the vendors kept call logs. An older one could only make a
 * walk read empty vendor pages.
 */
export const EARLIEST_FROM = Date.parse('2000-01-01T00:00:00Z');

/**
 * Why a [from, to] window is not acceptable, or null when it is. `to` defaults to `now` (the walk's asOf), so
 * a window is never longer than maxDays, whether or not the client gave its end.
 */
export function windowProblem(from: Date | null | undefined, to: Date | null | undefined, maxDays: number, now: number): string | null {
  if (!from) return null;
  if (from.getTime() < EARLIEST_FROM) return `must not be earlier than ${new Date(EARLIEST_FROM).toISOString()}`;
  const end = to ? to.getTime() : now;
  const endName = to ? 'filter.to' : 'now (filter.to is absent)';
  if (from.getTime() >= end) return `must be earlier than ${endName}`;
  if (end - from.getTime() > maxDays * DAY_MS) return `must be at most ${maxDays} days before ${endName}`;
  return null;
}

export const MAX_WINDOW_DAYS = 366;
export const DEFAULT_WINDOW_DAYS = 30;
