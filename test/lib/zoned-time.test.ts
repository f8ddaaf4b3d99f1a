import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatWall, isValidTimeZone, offsetAt, parseWall, repeatedSpans, wallToInstants } from '../../src/lib/zoned-time';

const Z = 'Europe/Berlin';
const iso = (ms: number) => new Date(ms).toISOString();

test('wall times in a zone, both ways, with no offset in the text', () => {
  assert.equal(formatWall(Date.parse('2026-07-01T10:00:00.900Z'), Z), '2026-07-01 12:00:00');
  assert.equal(formatWall(Date.parse('2026-01-15T23:30:00Z'), Z), '2026-01-16 00:30:00');
  assert.deepEqual(wallToInstants('2026-07-01 12:00:00', Z).map(iso), ['2026-07-01T10:00:00.000Z']);
  assert.deepEqual(wallToInstants('2026-07-01 12:00:00', 'UTC').map(iso), ['2026-07-01T12:00:00.000Z']);
  assert.equal(parseWall('2026-02-30 00:00:00'), null);
  assert.equal(parseWall('2026-02-01T00:00:00'), null);
  assert.ok(isValidTimeZone('America/New_York'));
  assert.ok(!isValidTimeZone('Mars/Olympus'));
});

test('the spring gap names no instant; the autumn hour names two', () => {
  assert.deepEqual(wallToInstants('2026-03-29 02:30:00', Z), []);
  assert.deepEqual(wallToInstants('2026-10-25 02:30:00', Z).map(iso), ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
  assert.equal(formatWall(Date.parse('2026-10-25T00:30:00Z'), Z), formatWall(Date.parse('2026-10-25T01:30:00Z'), Z));
});

test('repeated spans: the instants whose wall times repeat, found inside any window', () => {
  const year = repeatedSpans(Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-12-31T00:00:00Z'), Z);
  assert.deepEqual(year.map((s) => [iso(s.from), iso(s.change), iso(s.to)]), [['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z']]);
  assert.equal(repeatedSpans(Date.parse('2026-10-25T00:30:00Z'), Date.parse('2026-10-25T00:40:00Z'), Z).length, 1, 'a window inside the span still sees it');
  assert.deepEqual(repeatedSpans(Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-12-31T00:00:00Z'), 'Asia/Tokyo'), []);
  // Southern hemisphere: clocks go back in April.
  const sydney = repeatedSpans(Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-12-31T00:00:00Z'), 'Australia/Sydney');
  assert.equal(sydney.length, 1);
  assert.equal(iso(sydney[0]!.change).slice(0, 10), '2026-04-04');
});

test('offsetAt agrees with Intl minute by minute around clock changes, whole-hour and half-hour ones', () => {
  const intlOffset = (instant: number, zone: string): number => {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
    return Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!) - Math.floor(instant / 1000) * 1000;
  };
  const cases: Array<[string, number]> = [
    ['Europe/Berlin', Date.UTC(2026, 9, 25, 1, 0)], // back an hour
    ['Europe/Berlin', Date.UTC(2026, 2, 29, 1, 0)], // forward an hour
    ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15, 0)], // back half an hour
    ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30)], // forward half an hour, in the middle of a UTC hour
    ['America/St_Johns', Date.UTC(2026, 2, 8, 5, 30)], // forward an hour, in the middle of a UTC hour
    ['Asia/Kolkata', Date.UTC(2026, 0, 1, 0, 0)], // a half-hour offset, no change
  ];
  for (const [zone, change] of cases) {
    for (let t = change - 2 * 3600_000; t <= change + 2 * 3600_000; t += 60_000) {
      for (const instant of [t, t + 59_999]) assert.equal(offsetAt(instant, zone), intlOffset(instant, zone), `${zone} ${new Date(instant).toISOString()}`);
    }
  }
});
