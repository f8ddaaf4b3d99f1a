import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Signer } from '../../src/lib/signer';

describe('Signer', () => {
  test('verifies its own tokens only, per purpose', () => {
    const signer = new Signer('0123456789abcdef0123456789abcdef');
    const token = signer.sign('cursor', { k: 1 });
    assert.deepEqual(signer.verify('cursor', token), { k: 1 });
    assert.equal(signer.verify('recording', token), null);
    assert.equal(new Signer('another-secret-another-secret-1234').verify('cursor', token), null);
    assert.equal(signer.verify('cursor', token.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'))), null);
    assert.throws(() => new Signer('short'));
  });
});
