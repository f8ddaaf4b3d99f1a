/**
 * Wall-clock times in an IANA time zone, written "YYYY-MM-DD hh:mm:ss" with no offset (how CallGear prints
 * every datetime, vendors.md §2). Built on Intl, so zone rules come from the runtime's ICU data.
 *
 * A wall time names one instant, except around daylight-saving changes: in the spring gap it names none,
 * in the autumn's repeated hour it names two. Callers get every candidate and choose.
 */
const WALL = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time of an instant as if it were UTC (epoch ms of the wall clock's reading). */
function wallMs(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
}

const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_MAX = 200_000;
const HOUR_MS = 3600_000;

/** The zone's offset at a whole minute, computed once (Intl is slow: tens of microseconds a call). */
function offsetAtMinute(minute: number, zone: string): number {
  let byMinute = offsetCache.get(zone);
  if (!byMinute) offsetCache.set(zone, (byMinute = new Map()));
  let offset = byMinute.get(minute);
  if (offset === undefined) {
    offset = wallMs(minute, zone) - minute;
    if (byMinute.size >= OFFSET_CACHE_MAX) byMinute.clear();
    byMinute.set(minute, offset);
  }
  return offset;
}

/**
 * The zone's offset from UTC at an instant, in ms. Zones change offset on whole minutes (only pre-1970
 * local-mean-time rules do not, and CallGear has no calls then), and at most once an hour: when the offsets at
 * both ends of the instant's hour agree, that is the offset, so one hour costs two lookups rather than sixty.
 */
export function offsetAt(instant: number, zone: string): number {
  const hour = Math.floor(instant / HOUR_MS) * HOUR_MS;
  const start = offsetAtMinute(hour, zone);
  if (offsetAtMinute(hour + HOUR_MS, zone) === start) return start;
  return offsetAtMinute(Math.floor(instant / 60_000) * 60_000, zone);
}

/** "YYYY-MM-DD hh:mm:ss" on the zone's wall clock; sub-second parts are dropped. */
export function formatWall(instant: Date | number, zone: string): string {
  const ms = Math.floor((typeof instant === 'number' ? instant : instant.getTime()) / 1000) * 1000;
  return new Date(ms + offsetAt(ms, zone)).toISOString().slice(0, 19).replace('T', ' ');
}

/** A wall-time string read as if it were UTC, or null when it is not a real "YYYY-MM-DD hh:mm:ss". */
export function parseWall(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = WALL.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Reject rollovers such as "2026-02-30" or "25:00:00".
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms;
}

/**
 * Every instant whose wall time in the zone is `text`, earliest first: one normally, two in a repeated
 * hour, none in a skipped one (or for a malformed string).
 */
export function wallToInstants(text: string, zone: string): number[] {
  const naive = parseWall(text);
  if (naive === null) return [];
  const offsets = new Set([offsetAt(naive - DAY_MS, zone), offsetAt(naive, zone), offsetAt(naive + DAY_MS, zone)]);
  const out = new Set<number>();
  for (const offset of offsets) {
    const instant = naive - offset;
    if (offsetAt(instant, zone) === offset) out.add(instant);
  }
  return [...out].sort((a, b) => a - b);
}

/** Instants [from, to) whose wall times repeat because the clocks went back at `change`. */
export interface RepeatedSpan {
  readonly from: number;
  readonly to: number;
  /** The first instant on the new (earlier) offset. */
  readonly change: number;
}

/** Every repeated span touching [from, to] (clocks going back), in time order. */
export function repeatedSpans(from: number, to: number, zone: string): RepeatedSpan[] {
  const out: RepeatedSpan[] = [];
  const step = 6 * 3600_000;
  // Look a little beyond both ends: a span can start before `from` and still cover it.
  let t = from - DAY_MS;
  let offset = offsetAt(t, zone);
  while (t < to + DAY_MS) {
    const next = Math.min(t + step, to + DAY_MS);
    const nextOffset = offsetAt(next, zone);
    if (nextOffset < offset) {
      const change = firstInstantWithOffset(t, next, nextOffset, zone);
      const back = offset - nextOffset;
      const span = { from: change - back, to: change + back, change };
      if (span.to > from && span.from <= to) out.push(span);
    }
    t = next;
    offset = nextOffset;
  }
  return out;
}

function firstInstantWithOffset(lo: number, hi: number, offset: number, zone: string): number {
  // offsetAt(lo) != offset, offsetAt(hi) == offset; zones change offset on whole minutes.
  let a = Math.floor(lo / 60_000);
  let b = Math.ceil(hi / 60_000);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (offsetAt(mid * 60_000, zone) === offset) b = mid;
    else a = mid;
  }
  return b * 60_000;
}
