import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approximateBytes } from '../../src/lib/approximate-bytes';

const row = (i: number) => ({ id: `s-${i}`, startTime: new Date(i * 1000), from: { phoneNumber: `+1650555${String(i % 10_000).padStart(4, '0')}`, name: i % 3 ? `Caller ${i}` : null }, legs: Array.from({ length: 1 + (i % 4) }, (_, j) => ({ index: j, result: 'ANSWERED' })) });

test('a long array is estimated from a sample, close to the sum of its elements sized one by one', () => {
  const rows = Array.from({ length: 5000 }, (_, i) => row(i));
  const oneByOne = 16 + rows.length * 8 + rows.reduce((sum, r) => sum + approximateBytes(r), 0);
  const estimate = approximateBytes(rows);
  assert.ok(Math.abs(estimate - oneByOne) / oneByOne < 0.1, `${estimate} against ${oneByOne}`);
  assert.ok(approximateBytes(rows.slice(0, 2500)) < estimate * 0.6, 'half the rows, about half the bytes');
});

test('short arrays and objects are sized exactly, shared values once, cycles end', () => {
  assert.equal(approximateBytes('abc'), 22);
  assert.equal(approximateBytes([1, 2]), 16 + 2 * 8 + 2 * 8);
  const shared = { a: 'x' };
  assert.equal(approximateBytes([shared, shared]), 16 + 2 * 8 + (24 + 16 + 18));
  const cycle: Record<string, unknown> = {};
  cycle['self'] = cycle;
  assert.equal(approximateBytes(cycle), 24 + 16);
});
