import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Provider } from '../support/providers';
import { decodeGlobalId, encodeGlobalId, tryDecodeGlobalId } from '../../src/history/global-id';

describe('global ids', () => {
  test('round-trip and reject malformed or non-canonical ids', () => {
    const id = encodeGlobalId({ type: 'CallSession', provider: Provider.TELPHIN, account: 'tp', nativeId: 'CAA308E3' });
    assert.deepEqual(decodeGlobalId(id, 'id'), { type: 'CallSession', provider: 'TELPHIN', account: 'tp', nativeId: 'CAA308E3' });
    assert.throws(() => decodeGlobalId(id, 'id', 'Extension'), /not a valid Extension id/);
    for (const bad of ['', '!!', 'Zm9v', `${id}=`, Buffer.from('CallSession\u001fACME\u001fa\u001fb').toString('base64url')]) {
      assert.equal(tryDecodeGlobalId(bad), null, bad);
    }
  });
});
