import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SortOrder } from '../../../src/domain/ordering';
import { formatWall } from '../../../src/lib/zoned-time';
import { ChunkLegs, LEG_RANGE_MARGIN_MS, coveredLegs, legRangeOf } from '../../../src/vendors/callgear/cg-page-legs';
import { CgLegRow } from '../../../src/vendors/callgear/types';
import { Provider } from '../../support/providers';
import { makeSession } from '../../support/session-factory';

const ZONE = 'Europe/Berlin';
const T = Date.UTC(2026, 5, 10, 12, 0, 0); // no clock change nearby
const MIN = 60_000;
const leg = (sessionId: string, at: number, id: number): CgLegRow => ({ id, call_session_id: Number(sessionId), start_time: formatWall(at, ZONE) }) as CgLegRow;
const session = (id: string, start: number, minutes = 1) => makeSession(Provider.CALLGEAR, 'cg', id, start, { endTime: new Date(start + minutes * MIN) });

test('the legs range is the chunk an hour wider at both ends', () => {
  assert.deepEqual(legRangeOf({ from: T, to: T + 10 * MIN, offset: 0 }), { from: T - LEG_RANGE_MARGIN_MS, to: T + 10 * MIN + LEG_RANGE_MARGIN_MS });
});

test('an answer under the limit covers every session that ends inside the range, those without legs too', () => {
  const sessions = [session('1', T), session('2', T + MIN), session('3', T + 2 * MIN)];
  const legs: ChunkLegs = { from: T - 3600_000, to: T + 3600_000, order: SortOrder.START_TIME_DESC, cut: false, rows: [leg('1', T, 11), leg('1', T + 10_000, 12), leg('3', T + 2 * MIN, 31)] };
  const covered = coveredLegs(sessions, legs, ZONE);
  assert.deepEqual(covered.get('1')!.map((r) => r.id), [11, 12]);
  assert.deepEqual(covered.get('2'), [], 'a session without legs is covered: it has none');
  assert.deepEqual(covered.get('3')!.map((r) => r.id), [31]);
});

test('a session that ends after the range, or starts before it, is not covered', () => {
  const legs: ChunkLegs = { from: T - 3600_000, to: T + 3600_000, order: SortOrder.START_TIME_DESC, cut: false, rows: [] };
  const covered = coveredLegs([session('long', T + 50 * MIN, 20), session('early', T - 61 * MIN)], legs, ZONE);
  assert.equal(covered.has('long'), false);
  assert.equal(covered.has('early'), false);
});

test('an answer cut at the limit, newest first: only sessions more than an hour newer than the last leg are covered', () => {
  const last = T;
  const legs: ChunkLegs = { from: T - 5 * 3600_000, to: T + 5 * 3600_000, order: SortOrder.START_TIME_DESC, cut: true, rows: [leg('9', T + 3 * 3600_000, 91), leg('8', last, 81)] };
  const covered = coveredLegs([session('9', T + 3 * 3600_000), session('7', T + 3600_000 + 1000), session('6', T + 3600_000), session('8', last)], legs, ZONE);
  assert.deepEqual([...covered.keys()], ['9', '7']);
});

test('an answer cut at the limit, oldest first: only sessions that end more than an hour before the last leg are covered', () => {
  const last = T;
  const legs: ChunkLegs = { from: T - 5 * 3600_000, to: T + 5 * 3600_000, order: SortOrder.START_TIME_ASC, cut: true, rows: [leg('1', T - 3 * 3600_000, 11), leg('2', last, 21)] };
  const covered = coveredLegs([session('1', T - 3 * 3600_000), session('3', T - 3600_000 - 3 * MIN, 2), session('4', T - 3600_000 - MIN, 2), session('2', last)], legs, ZONE);
  assert.deepEqual([...covered.keys()], ['1', '3']);
});

test('a cut answer whose last leg has no readable time covers nothing', () => {
  const legs: ChunkLegs = { from: T - 5 * 3600_000, to: T + 5 * 3600_000, order: SortOrder.START_TIME_DESC, cut: true, rows: [{ id: 1, call_session_id: 1, start_time: 'soon' } as unknown as CgLegRow] };
  assert.equal(coveredLegs([session('1', T + 3 * 3600_000)], legs, ZONE).size, 0);
});

test('in the hour repeated when clocks go back, a cut edge is read at its later instant (newest first)', () => {
  // 2026-10-25 02:30 in Berlin happens twice: 00:30 and 01:30 UTC.
  const first = Date.UTC(2026, 9, 25, 0, 30);
  const second = Date.UTC(2026, 9, 25, 1, 30);
  const legs: ChunkLegs = { from: first - 5 * 3600_000, to: second + 5 * 3600_000, order: SortOrder.START_TIME_DESC, cut: true, rows: [leg('5', first, 51)] };
  const covered = coveredLegs([session('a', second + 3600_000 - 1000), session('b', second + 3600_000 + 1000)], legs, ZONE);
  assert.deepEqual([...covered.keys()], ['b'], 'judged against 01:30 UTC, the cautious reading');
});
