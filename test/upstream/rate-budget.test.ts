import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimitedError } from '../../src/domain/errors';
import { RateBudget, safeSlice } from '../../src/upstream/rate-budget';
import { FairTurns } from '../../src/upstream/fair-turns';
import { DeadlinePassed } from '../../src/upstream/caller';
import { UpstreamNetworkError } from '../../src/upstream/upstream-errors';
import { Handler } from '../../src/upstream/upstream-request';
import { testCaller } from '../support/upstream';

test('a budget slice never lets a vendor window see more than its limit, whatever the alignment', () => {
  for (const limit of [1, 2, 5, 10, 40, 50, 1000, 100_000]) {
    for (const windowSeconds of [1, 60, 3600, 86_400]) {
      const { points, durationSeconds } = safeSlice({ limit, windowSeconds });
      assert.ok(points >= 1);
      // Our windows are disjoint and durationSeconds long, so a vendor window overlaps at most this many.
      const overlapped = Math.ceil(windowSeconds / durationSeconds) + (limit < 2 ? 0 : 1);
      assert.ok(points * overlapped <= limit, `limit ${limit}/${windowSeconds}s: ${points} per ${durationSeconds}s`);
    }
  }
  // RingCentral Heavy (10 a minute): 2 every 15 s, 8 a minute at most.
  assert.deepEqual(safeSlice({ limit: 10, windowSeconds: 60 }), { points: 2, durationSeconds: 15 });
});

test('a spent budget waits for its next point within the deadline, and refuses at once past it with retryAfter', async () => {
  const events: string[] = [];
  const budget = new RateBudget(
    { vendor: 'V', account: 'a' },
    { groups: { g: [{ limit: 3, windowSeconds: 0.4 }] }, groupOf: () => 'g' },
    { budgetWait: (_v, _a, group) => events.push(`wait:${group}`), budgetRefused: (_v, _a, group) => events.push(`refused:${group}`) },
  );
  const signal = new AbortController().signal;
  // limit 3 per 0.4 s: k = 2 slices of 0.2 s holding 1 point each.
  await budget.spend('op', Date.now() + 5000, signal);
  await budget.spend('op', Date.now() + 5000, signal);
  assert.deepEqual(events, ['wait:g'], 'the second request waited for the next slice');
  await assert.rejects(budget.spend('op', Date.now() + 10, signal), (error: unknown) => {
    assert.ok(error instanceof RateLimitedError);
    assert.ok(error.retryAfter >= 1);
    return true;
  });
  assert.deepEqual(events, ['wait:g', 'refused:g']);
  // Operations outside every group spend nothing.
  await new RateBudget({ vendor: 'V', account: 'a' }, { groups: {}, groupOf: () => 'none' }).spend('op', Date.now(), signal);
});

test("a vendor's report stricter than the plan is followed: no more requests than it says remain until its reset", async () => {
  const events: string[] = [];
  const budget = new RateBudget(
    { vendor: 'V', account: 'a' },
    { groups: { g: [{ limit: 1000, windowSeconds: 60 }] }, groupOf: () => 'g' },
    { budgetWait: (_v, _a, group) => events.push(`wait:${group}`), budgetRefused: (_v, _a, group) => events.push(`refused:${group}`) },
  );
  const signal = new AbortController().signal;
  budget.follow({ group: 'g', remaining: 1, resetSeconds: 60 });
  await budget.spend('op', Date.now() + 5000, signal);
  assert.deepEqual(events, [], 'the one request the vendor allows goes at once');
  await assert.rejects(budget.spend('op', Date.now() + 5000, signal), (error: unknown) => error instanceof RateLimitedError && error.retryAfter === 60);
  assert.deepEqual(events, ['refused:g'], 'the next waits for the reset, which is past the deadline');
  budget.follow({ group: 'g', remaining: 0, resetSeconds: 0.2 });
  await budget.spend('op', Date.now() + 5000, signal);
  assert.deepEqual(events, ['refused:g', 'wait:g'], 'a near reset is waited for');
});

test('a sliced operation spends at most its share of the group: downloads cannot take listing\'s budget', async () => {
  // RingCentral's Heavy group (10 a minute) with recordings limited to 30% of it.
  const budget = new RateBudget({ vendor: 'V', account: 'a' }, { groups: { Heavy: [{ limit: 10, windowSeconds: 60 }] }, groupOf: () => 'Heavy', slices: { 'recording.content': 0.3 } });
  const signal = new AbortController().signal;
  const soon = () => Date.now() + 50;
  let downloads = 0;
  for (let i = 0; i < 5; i++) {
    try {
      await budget.spend('recording.content', soon(), signal);
      downloads += 1;
    } catch (error) {
      assert.ok(error instanceof RateLimitedError);
    }
  }
  assert.equal(downloads, 1, 'three a minute at most, spread by the slice: one now');
  // Listing still has the group's points the downloads did not take.
  await budget.spend('call-log.list', soon(), signal);
});

test('tenants waiting for one budget take turns: a flood of one tenant does not keep the others waiting', async () => {
  // Three rounds (the order of timers is not fixed, so once could be luck): each time tenant A floods the budget
  // with six requests, then tenant B asks once; B is served next, not after A's flood.
  for (let round = 0; round < 3; round++) {
    // limit 3 per 0.3 s: one point every 0.15 s.
    const budget = new RateBudget({ vendor: 'V', account: 'a' }, { groups: { g: [{ limit: 3, windowSeconds: 0.3 }] }, groupOf: () => 'g' });
    const signal = new AbortController().signal;
    const granted: string[] = [];
    const spend = (tenant: string) => budget.spend('op', Date.now() + 10_000, signal, tenant).then(() => granted.push(tenant));
    const flood = Array.from({ length: 6 }, () => spend('A'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const quiet = spend('B');
    await Promise.all([...flood, quiet]);
    assert.ok(granted.indexOf('B') <= 1, `round ${round}: B was served ${granted.indexOf('B') + 1}th of ${granted.join('')}`);
  }
});

test('FairTurns: while another tenant waits that was served less recently, a tenant yields', () => {
  const turns = new FairTurns();
  const leaveA1 = turns.enter('A');
  turns.enter('A');
  assert.equal(turns.mayTake('A'), true, 'alone, A takes');
  turns.took('A');
  leaveA1();
  const leaveB = turns.enter('B');
  assert.equal(turns.mayTake('A'), false, 'B waits and was never served: A yields');
  assert.equal(turns.mayTake('B'), true);
  turns.took('B');
  leaveB();
  assert.equal(turns.mayTake('A'), true, 'B left: A takes again');
  turns.enter('B');
  assert.equal(turns.mayTake('A'), true, 'A was served before B: its turn');
  assert.equal(turns.mayTake('B'), false);
});

test('FairTurns: while several tenants use a budget, none takes more than its share of a slice; alone, a tenant takes it all', () => {
  let now = 10_000;
  const turns = new FairTurns({ bucketMs: 1000, points: 4 }, 60_000, () => now);
  const leaveA = turns.enter('A');
  for (let i = 0; i < 4; i++) {
    assert.equal(turns.mayTake('A'), true, `alone, A takes point ${i + 1} of 4`);
    turns.took('A');
  }
  leaveA();
  now += 1000;
  turns.enter('A');
  const leaveB = turns.enter('B');
  turns.took('B');
  leaveB();
  turns.took('A');
  turns.took('A');
  assert.equal(turns.mayTake('A'), false, 'with B using the budget too (it asked a moment ago), A has taken its half of the slice');
  now += 1000;
  assert.equal(turns.mayTake('A'), true, 'a new slice, a new share');
  turns.took('A');
  turns.took('A');
  assert.equal(turns.mayTake('A'), false);
  now += 61_000;
  for (let i = 0; i < 4; i++) {
    assert.equal(turns.mayTake('A'), true, `B has not asked for a minute: A is alone again, point ${i + 1} of 4`);
    turns.took('A');
  }
});

test('a caller that leaves while waiting for the budget is answered as cancelled; one whose deadline passed, as a vendor timeout', async () => {
  const budget = new RateBudget({ vendor: 'V', account: 'a' }, { groups: { g: [{ limit: 1, windowSeconds: 60 }] }, groupOf: () => 'g' });
  const answer = (async () => ({ status: 200, headers: {}, data: null })) as unknown as Handler;
  const send = budget.asPolicy()(answer);
  const request = { operation: 'op', url: 'http://vendor.invalid/' };
  await send(request, testCaller());
  // The budget is spent for a minute: the next request waits, and its caller leaves, or its deadline passes.
  const leaving = new AbortController();
  const left = send(request, testCaller(leaving.signal, 120_000));
  setTimeout(() => leaving.abort(), 20);
  await assert.rejects(left, (error: unknown) => (error as { code?: string }).code === 'CANCELLED');
  const late = new AbortController();
  const timedOut = send(request, testCaller(late.signal, 120_000));
  setTimeout(() => late.abort(new DeadlinePassed()), 20);
  await assert.rejects(timedOut, (error: unknown) => error instanceof UpstreamNetworkError && /deadline/.test(error.message));
});
