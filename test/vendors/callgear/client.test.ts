import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RateLimitedError, UpstreamUnavailableError } from '../../../src/domain/errors';
import { SortOrder, compareKeys, sortKeyOf } from '../../../src/domain/ordering';
import { CallSession } from '../../../src/domain/call-session';
import { TimeWindow } from '../../../src/vendors/paging-strategy';
import { cgAdapter, startCg, truthIn } from '../../support/cg-direct';
import { walkAccount as walkAdapter } from '../../support/engine-harness';
import { testCaller } from '../../support/upstream';
import { setLogDestination } from '../../../src/lib/logger';

const signal = () => testCaller();
const DAY = 86_400_000;

function assertExactWalk(walked: readonly CallSession[], truth: Map<string, number>, order: SortOrder): void {
  assert.equal(walked.length, truth.size, 'every session once');
  assert.equal(new Set(walked.map((s) => s.nativeId)).size, walked.length, 'no duplicates');
  for (const s of walked) assert.equal(s.startTime.getTime(), truth.get(s.nativeId), `start of ${s.nativeId}`);
  for (let i = 1; i < walked.length; i++) assert.ok(compareKeys(sortKeyOf(walked[i - 1]!), sortKeyOf(walked[i]!), order) < 0, 'in walk order');
}

describe('errors become typed errors naming the account, never carrying the key', () => {
  let sim: Awaited<ReturnType<typeof startCg>>;
  let clock = Date.now();
  before(async () => {
    sim = await startCg({ now: () => clock, sessionTtlSeconds: 120, limits: { minuteLimit: 5, dayLimit: 1000 } });
  });
  after(async () => sim.stop());
  const faults = (body: object) => fetch(`${sim.baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('a wrong key: UPSTREAM_UNAVAILABLE with the reason, once (no loop)', async () => {
    const { adapter, counter } = cgAdapter(sim, { credentials: { accessToken: 'a-wrong-secret-key' } });
    const error = await adapter.getExtensions(['1'], signal()).catch((e: unknown) => e);
    assert.ok(error instanceof UpstreamUnavailableError);
    assert.match(error.message, /CALLGEAR account "cg-test" is unavailable: authentication failed \(access_token_invalid\)/);
    assert.doesNotMatch(error.message, /a-wrong-secret-key/);
    assert.equal(counter.total({ operation: 'get.employees' }), 1);
  });

  test('a login.user key that CallGear expired is renewed once, and a wrong password is an auth error', async () => {
    const { adapter, counter } = cgAdapter(sim, { credentials: { login: 'sandbox', password: 'sandbox-password' } });
    await adapter.ping(signal());
    await adapter.ping(signal());
    assert.equal(counter.total({ operation: 'login.user' }), 1, 'the key is reused');
    clock += 121_000; // CallGear's clock passes the key's expiry before Callbridge's does
    await adapter.ping(signal());
    assert.equal(counter.total({ operation: 'login.user' }), 2, 'one new login');
    assert.equal(counter.total({ operation: 'get.employees' }), 4, 'the refused call was repeated once, with the new key');
    const wrong = cgAdapter(sim, { credentials: { login: 'sandbox', password: 'guess' } });
    const error = await wrong.adapter.ping(signal()).catch((e: unknown) => e);
    assert.ok(error instanceof UpstreamUnavailableError);
    assert.match(error.message, /authentication failed \(auth_error\)/);
    assert.doesNotMatch(error.message, /guess/);
    clock += 60_000; // fresh minute for the next test
  });

  test('limit_exceeded: RATE_LIMITED with retryAfter from metadata.limits', async () => {
    const { adapter } = cgAdapter(sim, { retry: { attempts: 3, baseDelayMs: 1, maxRetryAfterSeconds: 0 } });
    let error: unknown = null;
    for (let i = 0; i < 8 && !error; i++) error = await adapter.ping(signal()).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof RateLimitedError, String(error));
    const expected = 60 - Math.floor((clock % 60_000) / 1000);
    assert.ok(Math.abs(error.retryAfter - expected) <= 1, `retryAfter ${error.retryAfter}, minute resets in ${expected}`);
    clock += 60_000;
  });

  test('CallGear 5xx are retried, then UPSTREAM_UNAVAILABLE; malformed bodies too', async () => {
    const { adapter, counter } = cgAdapter(sim);
    await faults({ errorRate: 1 });
    const error = await adapter.ping(signal()).catch((e: unknown) => e);
    assert.ok(error instanceof UpstreamUnavailableError);
    assert.match(error.message, /get\.employees failed with HTTP 500/);
    assert.equal(counter.total({ operation: 'get.employees' }), 3, 'three attempts');
    await faults({ malformedRate: 1 });
    try {
      // The fault breaks bodies in one of three ways; a cut-short body is not JSON at all.
      let malformed: unknown = null;
      for (let i = 0; i < 30 && !(malformed instanceof Error && /not valid JSON/.test(malformed.message)); i++) {
        malformed = await adapter.ping(signal()).then(() => null, (e: unknown) => e);
        if (malformed !== null) assert.ok(malformed instanceof UpstreamUnavailableError, String(malformed));
      }
      assert.match((malformed as Error).message, /not valid JSON/);
    } finally {
      await faults({});
    }
    clock += 60_000;
  });

  test('a refused request names the mnemonic and field', async () => {
    const { adapter } = cgAdapter(sim);
    const client = (adapter as unknown as { client: { read(m: string, p: object, c: ReturnType<typeof testCaller>): Promise<unknown> } }).client;
    const error = await client.read('get.calls_report', {}, signal()).catch((e: unknown) => e);
    assert.ok(error instanceof UpstreamUnavailableError);
    assert.match(error.message, /get\.calls_report was refused: -32602 required_parameter_missed \(date_from\)/);
  });
});

describe('windows', () => {
  test('a 5-month window is served through two report windows of at most 3 months', async () => {
    const anchor = Date.now();
    // A zone without daylight saving: in Europe/Berlin the repeated hour would add windows of its own.
    const sim = await startCg({ timeZone: 'UTC' }, { callsPerVendor: 600, days: 150, anchor: new Date(anchor) });
    try {
      const { adapter } = cgAdapter(sim);
      const window: TimeWindow = { from: new Date(anchor - 150 * DAY), to: new Date(anchor) };
      const walked = await walkAdapter(adapter, window, SortOrder.START_TIME_DESC, 250);
      assertExactWalk(walked, truthIn(sim.dataSet, window), SortOrder.START_TIME_DESC);
      const ranges = new Set(sim.requestLog().filter((r) => r.method === 'get.calls_report').map((r) => `${r.params['date_from']}|${r.params['date_till']}`));
      assert.equal(ranges.size, 2, [...ranges].join(' '));
      assert.ok(sim.requestLog().every((r) => r.outcome === 'ok'));
    } finally {
      await sim.stop();
    }
  });

  test('more than 100 000 sessions in one window are walked without nearing the offset cap', async () => {
    const anchor = Date.now();
    const sim = await startCg({ limits: { minuteLimit: 100_000, dayLimit: 1_000_000 } }, { callsPerVendor: 101_500, days: 20, anchor: new Date(anchor) });
    try {
      const { adapter } = cgAdapter(sim);
      const window: TimeWindow = { from: new Date(anchor - 20 * DAY), to: new Date(anchor) };
      // One listing reads all of it: each report continues from the instant the previous one stopped at, so
      // offsets stay at 0 however many calls the window holds (CallGear refuses offsets past 100 000).
      const walked = await walkAdapter(adapter, window, SortOrder.START_TIME_DESC, 101_000);
      assertExactWalk(walked, truthIn(sim.dataSet, window), SortOrder.START_TIME_DESC);
      const reports = sim.requestLog().filter((r) => r.method === 'get.calls_report');
      assert.ok(reports.every((r) => r.outcome === 'ok' && r.params['offset'] === 0));
      assert.ok(new Set(reports.map((r) => r.params['date_till'])).size >= 100, 'in windows that end where the last report stopped');
    } finally {
      await sim.stop();
    }
  });

  for (const [name, anchor] of [
    ['autumn, through the repeated hour', '2026-10-26T06:00:00Z'],
    ['spring, across the skipped hour', '2026-03-30T06:00:00Z'],
  ] as const) {
    test(`a window across a daylight-saving change (${name}): every session once, at its true instant`, async () => {
      const sim = await startCg({}, { callsPerVendor: 3000, days: 2, anchor: new Date(anchor), seed: 5 });
      try {
        const window: TimeWindow = { from: new Date(Date.parse(anchor) - 2 * DAY), to: new Date(anchor) };
        const truth = truthIn(sim.dataSet, window);
        if (name.startsWith('autumn')) {
          const repeated = [...truth.values()].filter((t) => t >= Date.parse('2026-10-25T00:00:00Z') && t < Date.parse('2026-10-25T02:00:00Z'));
          assert.ok(repeated.length > 50, `the data has ${repeated.length} calls in the repeated wall hour`);
        }
        for (const order of [SortOrder.START_TIME_DESC, SortOrder.START_TIME_ASC]) {
          const { adapter } = cgAdapter(sim, { pageSize: 37 });
          assertExactWalk(await walkAdapter(adapter, window, order, 50), truth, order);
        }
      } finally {
        await sim.stop();
      }
    });
  }
});

describe('detail', () => {
  test('the session-level recordings a listed row names travel on the session into its detail, copies included', async () => {
    const sim = await startCg();
    try {
      const { adapter } = cgAdapter(sim);
      const window: TimeWindow = { from: new Date(Date.now() - 31 * DAY), to: new Date(Date.now() + 1000) };
      const listed = await walkAdapter(adapter, window, SortOrder.START_TIME_DESC, 200);
      const recorded = listed.find((s) => s.listedRecordings.length > 0)!;
      assert.ok(recorded, 'a listed session names its records');
      // A record CallGear names only on the session (a whole-conversation record no leg carries), on a copy.
      const own = { nativeId: `${recorded.nativeId}/0123456789abcdef0123456789abcdef`, startTime: recorded.startTime, duration: 12, contentType: null };
      const copy = { ...recorded, listedRecordings: [...recorded.listedRecordings, own] };
      const [detail] = await adapter.loadDetails([copy], signal());
      assert.ok(detail!.legs.length > 0, 'the legs came from the legs report');
      assert.deepEqual(
        detail!.recordings.map((r) => r.nativeId),
        copy.listedRecordings.map((r) => r.nativeId),
        'every session-level record is in the detail',
      );
    } finally {
      await sim.stop();
    }
  });
});

describe("the account's time zone (vendors.md §2.9)", () => {
  test('without a configured zone the adapter reads the account\'s own, once, and places every call right', async () => {
    const sim = await startCg({ timeZone: 'America/New_York' });
    try {
      const { adapter, counter } = cgAdapter(sim);
      const window: TimeWindow = { from: new Date(Date.now() - 31 * DAY), to: new Date(Date.now() + 1000) };
      assertExactWalk(await walkAdapter(adapter, window, SortOrder.START_TIME_DESC, 80), truthIn(sim.dataSet, window), SortOrder.START_TIME_DESC);
      assert.equal(counter.total({ operation: 'get.account' }), 1, 'the zone is kept');
    } finally {
      await sim.stop();
    }
  });

  test("a configured zone that disagrees is logged as a warning, and CallGear's own wins", async () => {
    const sim = await startCg({ timeZone: 'Europe/Berlin' });
    const lines: string[] = [];
    setLogDestination({ write: (line: string) => void lines.push(line) }, 'warn');
    try {
      const { adapter } = cgAdapter(sim, { timeZone: 'Asia/Tokyo' });
      const window: TimeWindow = { from: new Date(Date.now() - 31 * DAY), to: new Date(Date.now() + 1000) };
      assertExactWalk(await walkAdapter(adapter, window, SortOrder.START_TIME_ASC, 120), truthIn(sim.dataSet, window), SortOrder.START_TIME_ASC);
      const warnings = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l['event'] === 'callgear.timezone_mismatch');
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0]!['configured'], 'Asia/Tokyo');
      assert.equal(warnings[0]!['reported'], 'Europe/Berlin');
    } finally {
      setLogDestination(null);
      await sim.stop();
    }
  });
});

test('a baseUrl given with or without the /v2.0 suffix reaches the same endpoint', async () => {
  const sim = await startCg();
  try {
    for (const baseUrl of [sim.baseUrl, `${sim.baseUrl}/`, `${sim.baseUrl}/v2.0`, `${sim.baseUrl}/v2.0/`]) {
      const { adapter, counter } = cgAdapter(sim, { baseUrl });
      await adapter.ping(signal());
      assert.equal(counter.total({ operation: 'get.employees', outcome: '200' }), 1, baseUrl);
    }
  } finally {
    await sim.stop();
  }
});
