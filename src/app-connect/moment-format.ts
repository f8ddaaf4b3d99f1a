/**
 * Dates in the format strings App Connect users set (`logDateFormat`, moment.js tokens; default
 * "YYYY-MM-DD hh:mm:ss A"), at a fixed offset from UTC in minutes. The tokens of dates and times are read;
 * text in [brackets] is kept as it is, and any other letter too.
 */
const TOKENS = /\[([^\]]*)]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|SSS|A|a|ZZ|Z/g;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatMomentStyle(date: Date, format: string, offsetMinutes: number): string {
  const at = new Date(date.getTime() + offsetMinutes * 60_000);
  const hours = at.getUTCHours();
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = [pad(Math.floor(Math.abs(offsetMinutes) / 60)), pad(Math.abs(offsetMinutes) % 60)];
  const values: Record<string, string> = {
    YYYY: String(at.getUTCFullYear()),
    YY: pad(at.getUTCFullYear() % 100),
    MMMM: MONTHS[at.getUTCMonth()]!,
    MMM: MONTHS[at.getUTCMonth()]!.slice(0, 3),
    MM: pad(at.getUTCMonth() + 1),
    M: String(at.getUTCMonth() + 1),
    DD: pad(at.getUTCDate()),
    D: String(at.getUTCDate()),
    dddd: DAYS[at.getUTCDay()]!,
    ddd: DAYS[at.getUTCDay()]!.slice(0, 3),
    HH: pad(hours),
    H: String(hours),
    hh: pad(twelve),
    h: String(twelve),
    mm: pad(at.getUTCMinutes()),
    m: String(at.getUTCMinutes()),
    ss: pad(at.getUTCSeconds()),
    s: String(at.getUTCSeconds()),
    SSS: pad(at.getUTCMilliseconds(), 3),
    A: hours < 12 ? 'AM' : 'PM',
    a: hours < 12 ? 'am' : 'pm',
    Z: `${sign}${offset[0]}:${offset[1]}`,
    ZZ: `${sign}${offset[0]}${offset[1]}`,
  };
  return format.replace(TOKENS, (token, literal: string | undefined) => (literal !== undefined ? literal : values[token]!));
}
