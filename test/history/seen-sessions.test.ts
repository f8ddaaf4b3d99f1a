import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Provider } from '../support/providers';
import { SeenSessions, stateHashOf } from '../../src/history/seen-sessions';
import { makeSession } from '../support/session-factory';

const RC = Provider.RINGCENTRAL!;
const T = Date.parse('2026-11-30T10:00:00Z');

test("a session's state hash changes with any listed fact, not with the detail it was read with", () => {
  const base = makeSession(RC, 'a', 's-1', T);
  assert.deepEqual(stateHashOf(base), stateHashOf({ ...base }));
  assert.notDeepEqual(stateHashOf(base), stateHashOf({ ...base, duration: 61 }), 'a final duration');
  assert.notDeepEqual(stateHashOf(base), stateHashOf({ ...base, hasRecording: true }), 'a recording');
  assert.notDeepEqual(stateHashOf(base), stateHashOf({ ...base, nativeId: 's-2' }), 'another session');
  assert.deepEqual(stateHashOf(base), stateHashOf({ ...base, detail: { legs: [], recordings: [] } }), 'read with its detail');
  assert.deepEqual(stateHashOf({ ...base, recordIds: ['x', 'y'] }), stateHashOf({ ...base, recordIds: ['y', 'x'] }), 'records in any order');
});

test('remembered deliveries survive packing, keep only the window and the newest up to the cap', () => {
  const seen = new SeenSessions();
  const sessions = [0, 1, 2, 3].map((h) => makeSession(RC, 'a', `s-${h}`, T + h * 3600_000));
  for (const s of sessions) seen.add(s);
  const restored = new SeenSessions(seen.pack(T, 10));
  assert.equal(restored.size, 4);
  assert.ok(sessions.every((s) => restored.has(s)));
  assert.ok(!restored.has({ ...sessions[0]!, duration: 99 }), 'a changed state is not remembered');
  const windowed = new SeenSessions(seen.pack(T + 2 * 3600_000, 10));
  assert.deepEqual(sessions.map((s) => windowed.has(s)), [false, false, true, true], 'only sessions inside the window');
  const capped = new SeenSessions(seen.pack(T, 3));
  assert.deepEqual(sessions.map((s) => capped.has(s)), [false, true, true, true], 'the newest up to the cap');
  assert.equal(seen.pack(T, 10).length, Math.ceil((4 * 12) / 3) * 4, '12 bytes each, base64');
});
