import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { serveByteRange } from '../../src/lib/byte-range';

describe('serveByteRange', () => {
  test('whole body, a range, an open range, a suffix and an unsatisfiable range', () => {
    assert.equal(serveByteRange(100, undefined).status, 200);
    assert.deepEqual(serveByteRange(100, 'bytes=10-19'), { status: 206, start: 10, end: 19, headers: { 'content-length': '10', 'content-range': 'bytes 10-19/100' } });
    assert.equal(serveByteRange(100, 'bytes=90-').end, 99);
    assert.equal(serveByteRange(100, 'bytes=-5').start, 95);
    assert.equal(serveByteRange(100, 'bytes=200-300').status, 416);
    assert.equal(serveByteRange(100, 'bytes=0-1,5-6').status, 200);
  });
});
