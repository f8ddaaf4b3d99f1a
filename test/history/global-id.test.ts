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

  test("a recording's id names its session: round-trips, and is refused without it (or another type with one)", () => {
    const id = encodeGlobalId({ type: 'Recording', provider: Provider.RINGCENTRAL, account: 'rc', nativeId: '625387632786', session: 's-a0b1c2' });
    assert.deepEqual(tryDecodeGlobalId(id), { type: 'Recording', provider: 'RINGCENTRAL', account: 'rc', nativeId: '625387632786', session: 's-a0b1c2' });
    const raw = (...parts: string[]) => Buffer.from(parts.join('\u001f')).toString('base64url');
    assert.equal(tryDecodeGlobalId(raw('Recording', 'RINGCENTRAL', 'rc', '625387632786')), null, 'no session');
    assert.equal(tryDecodeGlobalId(raw('Recording', 'RINGCENTRAL', 'rc', '625387632786', '')), null, 'an empty session');
    assert.equal(tryDecodeGlobalId(raw('CallSession', 'RINGCENTRAL', 'rc', 's-a0b1c2', 'x')), null, 'a session has no session');
  });
});
