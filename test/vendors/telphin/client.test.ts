import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RateLimitedError, UpstreamUnavailableError } from '../../../src/domain/errors';
import { SortOrder, compareKeys, sortKeyOf } from '../../../src/domain/ordering';
import { CallSession } from '../../../src/domain/call-session';
import { TimeWindow } from '../../../src/vendors/paging-strategy';
import { walkAccount } from '../../support/engine-harness';
import { testCaller } from '../../support/upstream';
import { startTp, tpAdapter } from '../../support/tp-direct';

const signal = () => testCaller();

const walk = (adapter: ReturnType<typeof tpAdapter>['adapter'], window: TimeWindow, order: SortOrder, limit: number, between?: () => void): Promise<CallSession[]> =>
  walkAccount(adapter, window, order, limit, between ? { between } : {});

describe('tokens', () => {
  test('a token that expires mid-walk is renewed once on the 401, and the walk is exact', async () => {
    let clock = Date.now();
    const sim = await startTp({ now: () => clock, tokenTtlSeconds: 3600 });
    try {
      const { adapter, counter } = tpAdapter(sim, { pageSize: 50 });
      const window: TimeWindow = { from: new Date(Date.now() - 31 * 864e5), to: new Date(Date.now() + 1000) };
      let pages = 0;
      const walked = await walk(adapter, window, SortOrder.START_TIME_DESC, 40, () => {
        // Telphin's clock passes the token's hour on the third page; Callbridge's does not.
        if (++pages === 3) clock += 3601_000;
      });
      assert.equal(walked.length, 200);
      assert.equal(new Set(walked.map((s) => s.nativeId)).size, 200);
      for (let i = 1; i < walked.length; i++) assert.ok(compareKeys(sortKeyOf(walked[i - 1]!), sortKeyOf(walked[i]!), SortOrder.START_TIME_DESC) < 0);
      assert.equal(counter.total({ operation: 'oauth.token' }), 2);
      assert.equal(sim.requestLog().filter((r) => r.status === 401).length, 1, 'one refused request, then a new token');
    } finally {
      await sim.stop();
    }
  });

  test('a token is renewed before it expires, without a 401', async () => {
    const sim = await startTp({ tokenTtlSeconds: 1 });
    try {
      const { adapter, counter } = tpAdapter(sim);
      await adapter.ping(signal());
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await adapter.ping(signal());
      assert.equal(counter.total({ operation: 'oauth.token' }), 2);
      assert.equal(sim.requestLog().filter((r) => r.status === 401).length, 0);
    } finally {
      await sim.stop();
    }
  });

  test('wrong credentials: UPSTREAM_UNAVAILABLE naming the account, without the secret', async () => {
    const sim = await startTp();
    try {
      const { adapter } = tpAdapter(sim, { secret: 'a-very-wrong-secret' });
      const error = await adapter.ping(signal()).catch((e: unknown) => e);
      assert.ok(error instanceof UpstreamUnavailableError);
      assert.match(error.message, /TELPHIN account "tp-test" is unavailable: .*HTTP 401/);
      assert.doesNotMatch(error.message, /a-very-wrong-secret/);
    } finally {
      await sim.stop();
    }
  });
});

describe('limits', () => {
  test("the hourly quota's 429 becomes RATE_LIMITED with retryAfter from X-RateLimit-Reset", async () => {
    const tenPast = Math.floor(Date.now() / 3600_000) * 3600_000 + 600_000;
    const sim = await startTp({ hourlyQuota: 2, now: () => tenPast });
    try {
      const { adapter } = tpAdapter(sim, { retry: { attempts: 3, baseDelayMs: 1, maxRetryAfterSeconds: 30 } });
      await adapter.ping(signal());
      await adapter.ping(signal());
      const error = await adapter.ping(signal()).catch((e: unknown) => e);
      assert.ok(error instanceof RateLimitedError, String(error));
      assert.equal(error.retryAfter, 3000, 'fifty minutes to the next hour');
    } finally {
      await sim.stop();
    }
  });

  test('statistics requests of one adapter never overlap; two Callbridge replicas sharing a client wait out the 429', async () => {
    const sim = await startTp({ statsDurationMs: 20 });
    try {
      const window: TimeWindow = { from: new Date(Date.now() - 31 * 864e5), to: new Date(Date.now() + 1000) };
      const one = tpAdapter(sim, { pageSize: 20 });
      // Five distinct walks (each its own window and order), so no two of them share a request.
      const windows = [0, 1, 2, 3, 4].map((i): TimeWindow => ({ from: new Date(window.from.getTime() + i * 864e5), to: window.to }));
      const orders = [SortOrder.START_TIME_ASC, SortOrder.START_TIME_DESC];
      const walks = await Promise.all(windows.map((w, i) => walk(one.adapter, w, orders[i % 2]!, 60 + i)));
      const concurrent = () => sim.requestLog().filter((r) => r.status === 429).length;
      assert.equal(sim.peakConcurrentStatistics(), 1, 'one adapter never sends two statistics requests at once');
      assert.equal(concurrent(), 0, 'one adapter serializes its statistics requests');
      walks.forEach((walked, i) => {
        const truth = sim.dataSet.callsOf('telphin').filter((c) => c.start >= windows[i]!.from && c.start <= windows[i]!.to);
        assert.equal(walked.length, truth.length, `walk ${i} is whole`);
        assert.equal(new Set(walked.map((s) => s.nativeId)).size, walked.length, `walk ${i} has no duplicates`);
      });
      assert.ok(new Set(walks.map((w) => w.length)).size > 1, 'the walks really were distinct');
      const other = tpAdapter(sim, { pageSize: 20 });
      const [a, b] = await Promise.all([walk(one.adapter, window, SortOrder.START_TIME_DESC, 200), walk(other.adapter, window, SortOrder.START_TIME_DESC, 200)]);
      assert.deepEqual(a.map((s) => s.nativeId), b.map((s) => s.nativeId));
      assert.equal(a.length, 200);
      assert.ok(concurrent() > 0, 'the replicas met Telphin\'s concurrency rule and waited it out');
    } finally {
      await sim.stop();
    }
  });
});

describe('reads by id', () => {
  test('distinct concurrent reads by id and a walk never overlap at Telphin, and none fails', async () => {
    const sim = await startTp({ statsDurationMs: 10 });
    try {
      const { adapter } = tpAdapter(sim, { pageSize: 50 });
      const ids = sim.dataSet.callsOf('telphin').slice(0, 20).map((c) => c.id);
      const window: TimeWindow = { from: new Date(Date.now() - 31 * 864e5), to: new Date(Date.now() + 1000) };
      const [sessions, walked] = await Promise.all([Promise.all(ids.map((id) => adapter.getSession(id, signal()))), walk(adapter, window, SortOrder.START_TIME_DESC, 100)]);
      assert.deepEqual(sessions.map((s) => s?.nativeId), ids, 'every call found, with its legs');
      assert.ok(sessions.every((s) => s!.detail !== null));
      assert.equal(walked.length, sim.dataSet.callsOf('telphin').length);
      assert.equal(sim.peakConcurrentStatistics(), 1, 'never two statistics requests at once, reads by id included');
      assert.equal(sim.requestLog().filter((r) => r.status === 429).length, 0);
    } finally {
      await sim.stop();
    }
  });
});

describe('pages Telphin honours', () => {
  test('a directory larger than the pages Telphin honours is read whole', async () => {
    const sim = await startTp({ perPageCap: 5 });
    try {
      const { adapter } = tpAdapter(sim);
      const active = sim.dataSet.extensionsOf('telphin').filter((e) => e.active);
      assert.ok(active.length > 10, 'more extensions than two pages hold');
      const found = await adapter.getExtensions(active.map((e) => e.id), signal());
      assert.deepEqual(found.map((e) => e?.nativeId), active.map((e) => e.id));
    } finally {
      await sim.stop();
    }
  });

  test('a walk asking 500 rows a page of a Telphin that honours 20 is whole', async () => {
    const sim = await startTp({ perPageCap: 20 });
    try {
      const { adapter } = tpAdapter(sim);
      const window: TimeWindow = { from: new Date(Date.now() - 31 * 864e5), to: new Date(Date.now() + 1000) };
      const walked = await walk(adapter, window, SortOrder.START_TIME_DESC, 200);
      assert.equal(walked.length, sim.dataSet.callsOf('telphin').length);
    } finally {
      await sim.stop();
    }
  });
});
