import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normalizePhoneNumber } from '../../src/domain/phone-number';

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

test('a number remembered for one country is not the answer for another', () => {
  for (let i = 0; i < 2; i++) {
    assert.equal(normalizePhoneNumber('2125550788', 'US'), '+12125550788');
    assert.equal(normalizePhoneNumber('4951234567', 'RU'), '+74951234567');
    assert.equal(normalizePhoneNumber('4951234567', 'US'), '+14951234567');
  }
});
