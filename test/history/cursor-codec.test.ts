import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SortKey, SortOrder } from '../../src/domain/ordering';
import { CURSOR_VERSION, CursorCodec } from '../../src/history/cursor-codec';
import { Signer } from '../../src/lib/signer';
import { Provider } from '../support/providers';
import { TEST_SECRET } from '../support/engine-harness';

const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const codec = new CursorCodec(new Signer(TEST_SECRET), 24 * 3600_000);
const base = { version: CURSOR_VERSION, tenant: 't1', filterHash: 'f', order: SortOrder.START_TIME_DESC, window: { from: NOW - 86_400_000, to: NOW }, startedAt: NOW };
const expected = { tenant: 't1', filterHash: 'f', order: SortOrder.START_TIME_DESC, now: NOW };
const key = (t: number, id: string): SortKey => ({ startTime: NOW - t * 1000, provider: Provider.TELPHIN, account: 'tp', nativeId: id });
const keys = [key(1, 'a'), key(2, 'b'), key(2, 'a'), key(5, 'z')];
const withKey = (cursor: string, k: unknown[]): string => `${cursor.slice(0, cursor.lastIndexOf('.'))}.${Buffer.from(JSON.stringify(k)).toString('base64url')}`;

test('the edges of a page share one signature, and each cursor decodes to its own row', () => {
  const cursors = codec.encodeEdges(base, keys);
  assert.equal(new Set(cursors.map((c) => c.slice(0, c.lastIndexOf('.')))).size, 1, 'one page token');
  cursors.forEach((cursor, i) => assert.deepEqual(codec.decode(cursor, expected).after, keys[i]));
  assert.deepEqual(codec.decode(cursors[1]!, expected).window, base.window);
  assert.deepEqual(codec.encodeEdges(base, []), []);
});

test('an edge cursor whose key was moved outside the signed range, or made unreadable, is refused', () => {
  const [first] = codec.encodeEdges(base, keys);
  const refuse = (cursor: string) => assert.throws(() => codec.decode(cursor, expected), (e: Error & { code?: string }) => e.code === 'BAD_USER_INPUT' && /not a valid cursor/.test(e.message));
  refuse(withKey(first!, [NOW, 'TELPHIN', 'tp', 'a'])); // newer than the page's first row
  refuse(withKey(first!, [NOW - 6000, 'TELPHIN', 'tp', 'a'])); // older than its last
  refuse(withKey(first!, [NOW - 2000, 'NOPE', 'tp', 'a']));
  refuse(withKey(first!, [NOW - 2000, 'TELPHIN', 'tp']));
  refuse(`${first!.slice(0, first!.lastIndexOf('.'))}.not-json`);
  refuse(`x${first!}`); // the page token itself altered
  // Inside the range, a key names a position between rows of that same page, tenant, filter and window.
  assert.deepEqual(codec.decode(withKey(first!, [NOW - 3000, 'TELPHIN', 'tp', 'q']), expected).after, key(3, 'q'));
});

test('an edge cursor is bound to its tenant, filter and order like any cursor', () => {
  const [first] = codec.encodeEdges(base, keys);
  assert.throws(() => codec.decode(first!, { ...expected, tenant: 't2' }), /not a valid cursor/);
  assert.throws(() => codec.decode(first!, { ...expected, filterHash: 'g' }), /another filter or order/);
  assert.throws(() => codec.decode(first!, { ...expected, now: NOW + 25 * 3600_000 }), /stale cursor/);
  const asc = codec.encodeEdges({ ...base, order: SortOrder.START_TIME_ASC }, [...keys].reverse());
  assert.deepEqual(codec.decode(asc[0]!, { ...expected, order: SortOrder.START_TIME_ASC }).after, keys[3]);
});
