import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { partyStatuses } from '../../src/domain/call-session';
import { CallResult, LegRole } from '../../src/domain/enums';
import { Provider } from '../support/providers';
import { decodeGlobalId, encodeGlobalId, tryDecodeGlobalId } from '../../src/history/global-id';
import { SortOrder, compareKeys } from '../../src/domain/ordering';
import { normalizePhoneNumber } from '../../src/domain/phone-number';
import { serveByteRange } from '../../src/lib/byte-range';
import { Signer } from '../../src/lib/signer';

describe('normalizePhoneNumber', () => {
  test('E.164, E.164 without the plus, and national numbers with the account country', () => {
    assert.equal(normalizePhoneNumber('+16505550101'), '+16505550101');
    assert.equal(normalizePhoneNumber('16505550101'), '+16505550101');
    assert.equal(normalizePhoneNumber('79666660435'), '+79666660435');
    assert.equal(normalizePhoneNumber('(866)123-4567', 'US'), '+18661234567');
  });
  test('placeholders, extensions and junk give null, never an error', () => {
    for (const raw of ['+PHONE_NUMBER', '100*0111', '101', '', '   ', 'anonymous', null, undefined]) assert.equal(normalizePhoneNumber(raw), null, String(raw));
  });
});

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

describe('ordering', () => {
  test('ties on startTime break on provider, account, then native id; DESC is ASC reversed', () => {
    const a = { startTime: 1000, provider: Provider.CALLGEAR, account: 'x', nativeId: '2' };
    const b = { startTime: 1000, provider: Provider.CALLGEAR, account: 'x', nativeId: '10' };
    const c = { startTime: 1000, provider: Provider.RINGCENTRAL, account: 'a', nativeId: '1' };
    const d = { startTime: 999, provider: Provider.TELPHIN, account: 'z', nativeId: '9' };
    const asc = [a, b, c, d].sort((x, y) => compareKeys(x, y, SortOrder.START_TIME_ASC));
    assert.deepEqual(asc, [d, b, a, c]);
    const desc = [a, b, c, d].sort((x, y) => compareKeys(x, y, SortOrder.START_TIME_DESC));
    assert.deepEqual(desc, [...asc].reverse());
  });
});

describe('partyStatuses', () => {
  const leg = (role: LegRole, result: CallResult) => ({ role, result }) as never;
  test('a two-leg RingOut has both statuses; a one-leg busy RingOut has only the caller status', () => {
    assert.deepEqual(partyStatuses([leg(LegRole.CALLEE, CallResult.ANSWERED), leg(LegRole.CALLER, CallResult.ANSWERED)]), {
      callerStatus: CallResult.ANSWERED,
      calleeStatus: CallResult.ANSWERED,
    });
    assert.deepEqual(partyStatuses([leg(LegRole.CALLER, CallResult.BUSY)]), { callerStatus: CallResult.BUSY, calleeStatus: null });
  });
});

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
