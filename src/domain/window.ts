const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a [from, to] window is not acceptable, or null when it is. */
export function windowProblem(from: Date | null | undefined, to: Date | null | undefined, maxDays: number): string | null {
  if (!from || !to) return null;
  if (from.getTime() >= to.getTime()) return 'must be earlier than filter.to';
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) return `must be at most ${maxDays} days before filter.to`;
  return null;
}

export const MAX_WINDOW_DAYS = 366;
export const DEFAULT_WINDOW_DAYS = 30;
