import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Provider } from '../support/providers';
import { SortOrder, compareKeys } from '../../src/domain/ordering';

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
