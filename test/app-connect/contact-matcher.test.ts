import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ContactCache, earliestCreated } from '../../src/app-connect/contact-matcher';

test("App Connect's multi-match rule: the earliest createdDate wins, undated ones last, ties in the CRM's order", () => {
  const m = (id: string, createdDate?: string | number) => ({ id, ...(createdDate !== undefined ? { createdDate } : {}) });
  assert.equal(earliestCreated([m('new', '2024-05-01T00:00:00Z'), m('old', '2021-01-01T00:00:00Z'), m('mid', Date.parse('2022-01-01'))])!.id, 'old');
  assert.equal(earliestCreated([m('undated'), m('dated', '2030-01-01T00:00:00Z')])!.id, 'dated');
  assert.equal(earliestCreated([m('a', '2020-01-01T00:00:00Z'), m('b', '2020-01-01T00:00:00Z')])!.id, 'a');
  assert.equal(earliestCreated([m('x'), m('y')])!.id, 'x');
  assert.equal(earliestCreated([]), null);
});

test('the contact cache shares a lookup, keeps it for its TTL, forgets failures and stays within its bytes', async () => {
  let t = 0;
  const cache = new ContactCache(3 * 500, () => t);
  let lookups = 0;
  const find = (id: string) => async () => {
    lookups += 1;
    return [{ id }];
  };
  const [a, b] = await Promise.all([cache.match('t', 'c', '+1555', 1000, find('p1')), cache.match('t', 'c', '+1555', 1000, find('p2'))]);
  assert.deepEqual([a!.id, b!.id, lookups], ['p1', 'p1', 1], 'one lookup for concurrent asks');
  t = 999;
  await cache.match('t', 'c', '+1555', 1000, find('p3'));
  assert.equal(lookups, 1, 'kept within the TTL');
  t = 1000;
  assert.equal((await cache.match('t', 'c', '+1555', 1000, find('p4')))!.id, 'p4', 'asked again after it');
  assert.equal((await cache.match('t', 'other', '+1555', 1000, find('p5')))!.id, 'p5', 'per connector');
  t = 1500;
  assert.equal((await cache.match('t', 'other', '+1555', 60_000, find('p7')))!.id, 'p5', "each connector's own TTL");
  await assert.rejects(cache.match('t', 'c', '+1666', 1000, async () => Promise.reject(new Error('CRM down'))));
  assert.equal((await cache.match('t', 'c', '+1666', 1000, find('p6')))!.id, 'p6', 'a failure is not kept');
  for (let i = 0; i < 20; i++) await cache.match('t', 'c', `+1777${i}`, 1000, find(`q${i}`));
  assert.ok(cache.size <= 1500 && cache.size > 0, `${cache.size} bytes held`);
});
