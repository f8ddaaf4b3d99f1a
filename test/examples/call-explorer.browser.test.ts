import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Browser, Page, chromium } from 'playwright-core';
import { TestServer, startTestServer } from '../support/test-server';
import { hex, probeScreenshot, sameColor } from '../support/screenshot-pixels';
import express from 'express';
import { AddressInfo } from 'node:net';
import { callExplorer } from '../../src/server/call-explorer';

/**
 * The sample call explorer (examples/call-explorer) in a real browser (Debian's chromium, installed by
 * .ci/run), served by the sandbox at /explorer/: its list against the API's own pages, its filters, a call's
 * legs drawn as a timeline (checked on the screenshot's pixels) and its recording played.
 */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];
/** Screenshots for people to look at; the assertions read them too. */
const SHOTS = join(__dirname, '..', '..', '..', 'test-output', 'call-explorer');
const COLORS = { talk: hex('#2e9d5b'), ring: hex('#f2b632'), unanswered: hex('#9aa3ae') };

let server: TestServer;
let browser: Browser;
const violations: string[] = [];
const outside: string[] = [];

before(async () => {
  assert.ok(existsSync(CHROMIUM), `chromium at ${CHROMIUM} (apt-get install chromium; .ci/run does)`);
  mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({ callsPerVendor: 300 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openExplorer(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) outside.push(request.url());
  });
  await page.goto(`${server.url}/explorer`);
  await page.waitForSelector('[data-testid=call-row]', { timeout: 20_000 });
  return page;
}

async function api<T>(query: string, variables: object = {}): Promise<T> {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data: T; errors?: unknown };
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

const rows = (page: Page, attribute = 'data-id') => page.locator('[data-testid=call-row]').evaluateAll((els, name) => els.map((el) => el.getAttribute(name) ?? ''), attribute);

/** Waits until the list shows rows that all pass `check` (the list re-renders when a filter's page lands). */
async function rowsSettle(page: Page, check: (row: Record<string, string>) => boolean, what: string): Promise<Array<Record<string, string>>> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const busy = await page.locator('[data-testid=call-list]').getAttribute('aria-busy');
    const all = await page.locator('[data-testid=call-row]').evaluateAll((els) => els.map((el) => Object.fromEntries([...el.attributes].filter((a) => a.name.startsWith('data-')).map((a) => [a.name.slice(5), a.value]))));
    if (busy === 'false' && all.length > 0 && all.every(check)) return all;
    if (Date.now() > deadline) assert.fail(`${what}: ${all.length} rows, ${all.filter((r) => !check(r)).length} not matching`);
    await page.waitForTimeout(100);
  }
}

const PAGE_IDS = 'query($first: Int, $after: String, $filter: CallSessionFilter) { callSessions(first: $first, after: $after, filter: $filter) { edges { node { id } } pageInfo { endCursor } } }';
type IdsPage = { callSessions: { edges: Array<{ node: { id: string } }>; pageInfo: { endCursor: string } } };

test('the list shows the API pages in order and loads the next one as it scrolls: relayStylePagination merges them', async () => {
  const page = await openExplorer();
  assert.match(page.url(), /\/explorer\/$/, '/explorer redirects to its page');
  const first = await api<IdsPage>(PAGE_IDS, { first: 30 });
  const second = await api<IdsPage>(PAGE_IDS, { first: 30, after: first.callSessions.pageInfo.endCursor });
  const expected = [...first.callSessions.edges, ...second.callSessions.edges].map((e) => e.node.id);
  assert.deepEqual(await rows(page), expected.slice(0, 30), 'the first page, as the API gives it');
  writeFileSync(join(SHOTS, 'list.png'), await page.screenshot());

  await page.locator('[data-testid=call-list]').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('[data-testid=call-row]').length >= 60, null, { timeout: 20_000 });
  const shown = await rows(page);
  assert.deepEqual(shown.slice(0, 60), expected, 'the second page appended after the first, nothing repeated or lost');
  assert.equal(new Set(shown).size, shown.length);

  // The list's picture: a vendor badge per row, in the vendor's colour.
  const badge = page.locator('[data-testid=call-row][data-provider=CALLGEAR] .vendor').first();
  const shot = await badge.screenshot();
  const box = (await badge.boundingBox())!;
  const { colors } = await probeScreenshot(browser, shot, [{ x: 3, y: box.height / 2 }]);
  assert.ok(sameColor(colors[0]!, hex('#2f6fd6')), `CallGear's badge is blue: ${colors[0]}`);
  await page.close();
});

test('filters by vendor, direction and result, by an extension picked from `extensions`, and by a national phone number', async () => {
  const page = await openExplorer();
  await page.selectOption('[data-testid=filter-provider]', 'TELPHIN');
  await rowsSettle(page, (r) => r['provider'] === 'TELPHIN', 'vendor');
  await page.selectOption('[data-testid=filter-direction]', 'INBOUND');
  await rowsSettle(page, (r) => r['provider'] === 'TELPHIN' && r['direction'] === 'INBOUND', 'vendor and direction');
  await page.selectOption('[data-testid=filter-result]', 'MISSED');
  const missed = await rowsSettle(page, (r) => r['provider'] === 'TELPHIN' && r['direction'] === 'INBOUND' && r['result'] === 'MISSED', 'vendor, direction and result');
  const api1 = await api<IdsPage>(PAGE_IDS, { first: 30, filter: { providers: ['TELPHIN'], directions: ['INBOUND'], results: ['MISSED'] } });
  assert.deepEqual(missed.map((r) => r['id']), api1.callSessions.edges.map((e) => e.node.id));
  writeFileSync(join(SHOTS, 'filtered.png'), await page.screenshot());

  // An extension that has calls, found in the picker by searching its name.
  await page.click('button.clear');
  const withExtension = await api<{ callSessions: { edges: Array<{ node: { extension: { id: string; name: string } | null } }> } }>(
    '{ callSessions(first: 50, filter: { providers: [RINGCENTRAL] }) { edges { node { extension { id name } } } } }',
  );
  const extension = withExtension.callSessions.edges.map((e) => e.node.extension).find((e) => e?.name)!;
  await page.fill('[data-testid=extension-search]', extension.name);
  await page.waitForSelector(`[data-testid=filter-extension] option[value="${extension.id}"]`, { state: 'attached', timeout: 10_000 });
  await page.selectOption('[data-testid=filter-extension]', extension.id);
  // The calls the extension took part in: the API's own answer to that filter (a call may name it on a leg only).
  const byExtension = await api<IdsPage>(PAGE_IDS, { first: 30, filter: { extensionIds: [extension.id] } });
  const shown = await rowsSettle(page, () => true, `extension ${extension.name}`);
  await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid=call-row]').length === n, byExtension.callSessions.edges.length, { timeout: 10_000 });
  assert.deepEqual(await rows(page), byExtension.callSessions.edges.map((e) => e.node.id));
  assert.ok(shown.some((r) => r['extension'] === extension.id), 'some are its own calls');

  // A US caller's number, typed nationally: read with the RingCentral account's default country (US).
  await page.click('button.clear');
  const callers = await api<{ callSessions: { edges: Array<{ node: { from: { phoneNumber: string | null } } }> } }>(
    '{ callSessions(first: 50, filter: { providers: [RINGCENTRAL], directions: [INBOUND] }) { edges { node { from { phoneNumber } } } } }',
  );
  const e164 = callers.callSessions.edges.map((e) => e.node.from.phoneNumber).find((n) => n?.startsWith('+1'))!;
  const national = `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
  await page.fill('[data-testid=filter-phone]', national);
  await page.click('[data-testid=filter-phone-apply]');
  await rowsSettle(page, (r) => r['from'] === e164 || r['to'] === e164, `phone ${national}`);
  // A number no account can read: the API's BAD_USER_INPUT, shown.
  await page.fill('[data-testid=filter-phone]', '12');
  await page.click('[data-testid=filter-phone-apply]');
  await page.waitForSelector('[data-testid=list-error]', { timeout: 10_000 });
  assert.match((await page.textContent('[data-testid=list-error]'))!, /phone/i);
  await page.close();
});

const DETAIL = `query($id: ID!) { callSession(id: $id) { id legs { startTime answerTime duration result } recordings { id duration contentType } } }`;
type Detail = { callSession: { id: string; legs: Array<{ startTime: string; answerTime: string | null; duration: number | null; result: string }>; recordings: Array<{ id: string; duration: number; contentType: string | null }> } };

test("a call's legs are drawn as a timeline (rang in amber, talked in green, unanswered in grey) and its recording plays", async () => {
  // A CallGear call with several legs, one answered at a known time, and a recording.
  const listed = await api<{ callSessions: { edges: Array<{ node: { id: string; legs: Detail['callSession']['legs']; recordings: Array<{ id: string }> } }> } }>(
    '{ callSessions(first: 30, filter: { providers: [CALLGEAR] }) { edges { node { id legs { startTime answerTime duration result } recordings { id } } } } }',
  );
  const chosen = listed.callSessions.edges.find(({ node }) => node.legs.length >= 2 && node.recordings.length > 0 && node.legs.some((l) => l.answerTime !== null && l.answerTime !== l.startTime) && node.legs.some((l) => l.result !== 'ANSWERED'))
    ?? listed.callSessions.edges.find(({ node }) => node.legs.length >= 2 && node.recordings.length > 0)!;
  const call = (await api<Detail>(DETAIL, { id: chosen.node.id })).callSession;

  const page = await openExplorer();
  await page.selectOption('[data-testid=filter-provider]', 'CALLGEAR');
  await rowsSettle(page, (r) => r['provider'] === 'CALLGEAR', 'vendor');
  await page.click(`[data-testid=call-row][data-id="${call.id}"]`);
  await page.waitForSelector(`[data-testid=call-detail][data-id="${call.id}"] [data-testid=leg-timeline]`, { timeout: 15_000 });

  // One row per leg, each with what the API says of it.
  // Boxes as drawn, in the timeline screenshot's pixels.
  const legs = await page.locator('[data-testid=leg]').evaluateAll((els) =>
    els.map((el: any) => {
      const origin = el.ownerSVGElement.getBoundingClientRect();
      const box = (name: string) => {
        const rect = el.querySelector(`[data-testid=${name}]`)?.getBoundingClientRect();
        return rect ? { x: rect.left - origin.left, y: rect.top - origin.top, width: rect.width, height: rect.height } : null;
      };
      return { answered: el.getAttribute('data-answered') === 'true', talkSeconds: Number(el.getAttribute('data-talk-seconds')), ring: box('ring'), talk: box('talk') };
    }),
  );
  assert.equal(legs.length, call.legs.length);
  call.legs.forEach((leg, i) => {
    const answered = leg.answerTime !== null || leg.result === 'ANSWERED';
    assert.equal(legs[i]!.answered, answered, `leg ${i} answered`);
    if (answered && leg.duration !== null) {
      const talk = (Date.parse(leg.startTime) + leg.duration * 1000 - Date.parse(leg.answerTime ?? leg.startTime)) / 1000;
      assert.ok(Math.abs(legs[i]!.talkSeconds - talk) <= 1, `leg ${i} talked ${talk} s`);
    }
  });

  // The picture: each bar's pixels have its colour, and a talk bar is as wide as its share of the call.
  const timeline = page.locator('[data-testid=leg-timeline]');
  const png = await timeline.screenshot();
  writeFileSync(join(SHOTS, 'timeline.png'), png);
  const points: Array<{ x: number; y: number }> = [];
  const runs: Array<{ y: number; color: readonly [number, number, number] }> = [];
  const expected: Array<{ color: readonly [number, number, number]; width: number | null }> = [];
  for (const leg of legs) {
    if (leg.talk) {
      points.push({ x: leg.talk.x + leg.talk.width / 2, y: leg.talk.y + leg.talk.height / 2 });
      runs.push({ y: leg.talk.y + leg.talk.height / 2, color: COLORS.talk });
      expected.push({ color: COLORS.talk, width: leg.talk.width });
    }
    if (leg.ring && leg.ring.width >= 4) {
      const color = leg.answered ? COLORS.ring : COLORS.unanswered;
      points.push({ x: leg.ring.x + leg.ring.width / 2, y: leg.ring.y + leg.ring.height / 2 });
      runs.push({ y: leg.ring.y + leg.ring.height / 2, color });
      expected.push({ color, width: leg.talk ? null : leg.ring.width });
    }
  }
  const probed = await probeScreenshot(browser, png, points, runs);
  expected.forEach((want, i) => {
    assert.ok(sameColor(probed.colors[i]!, want.color), `bar ${i}: ${probed.colors[i]} is ${want.color}`);
    if (want.width !== null) assert.ok(Math.abs(probed.runLengths[i]! - want.width) <= 3, `bar ${i}: ${probed.runLengths[i]} px drawn, ${want.width} px wide`);
  });
  assert.ok(probed.colors.some((c) => sameColor(c, COLORS.talk)), 'someone answered: a green bar');

  // The recording: this server's signed link, as long as the API says, and it plays.
  const recording = call.recordings[0]!;
  const audio = page.locator(`[data-testid=recording][data-id="${recording.id}"] audio`);
  assert.match((await audio.getAttribute('src'))!, new RegExp(`^${server.url}/recordings/`));
  const played = await audio.evaluate(async (el: any) => {
    if (Number.isNaN(el.duration)) await new Promise((resolve) => el.addEventListener('loadedmetadata', resolve, { once: true }));
    el.muted = true;
    await el.play();
    await new Promise((resolve) => setTimeout(resolve, 600));
    el.pause();
    return { duration: el.duration, currentTime: el.currentTime };
  });
  assert.ok(Math.abs(played.duration - recording.duration) <= 1, `the audio lasts ${played.duration} s, the API says ${recording.duration}`);
  assert.ok(played.currentTime > 0, 'it played');
  writeFileSync(join(SHOTS, 'call.png'), await page.screenshot());

  // A RingCentral call: its legs give no answer time, yet the answered one is drawn talking; its recording's
  // length and format come from RingCentral's recording metadata.
  await page.selectOption('[data-testid=filter-provider]', 'RINGCENTRAL');
  await page.selectOption('[data-testid=filter-result]', 'ANSWERED');
  await rowsSettle(page, (r) => r['provider'] === 'RINGCENTRAL' && r['result'] === 'ANSWERED', 'answered RingCentral calls');
  const recorded = page.locator('[data-testid=call-row]:has(.has-recording)').first();
  const rcId = (await recorded.getAttribute('data-id'))!;
  await recorded.click();
  await page.waitForSelector(`[data-testid=call-detail][data-id="${rcId}"] [data-testid=recording]`, { timeout: 15_000 });
  const rcLegs = (await api<Detail>(DETAIL, { id: rcId })).callSession.legs;
  assert.ok(rcLegs.some((l) => l.result === 'ANSWERED' && l.answerTime === null), 'RingCentral gives no answer time');
  const talk = page.locator('[data-testid=leg][data-answered=true] [data-testid=talk]').first();
  const talkShot = await talk.screenshot();
  const talkBox = (await talk.boundingBox())!;
  const { colors: talkColors } = await probeScreenshot(browser, talkShot, [{ x: talkBox.width / 2, y: talkBox.height / 2 }]);
  assert.ok(sameColor(talkColors[0]!, COLORS.talk), `the answered leg talks in green: ${talkColors[0]}`);
  assert.match((await page.textContent(`[data-testid=call-detail] .recording-facts`))!, /^\d+:\d\d · audio\/wav$/);
  writeFileSync(join(SHOTS, 'call-ringcentral.png'), await page.screenshot());
  await page.close();
});

test('the explorer runs under the content security policy and fetches nothing from another origin', async () => {
  assert.deepEqual(violations, []);
  assert.deepEqual(outside, []);
  const script = await fetch(`${server.url}/explorer/app.js`);
  assert.equal(script.status, 200);
  assert.match(script.headers.get('content-type') ?? '', /javascript/);
  const missing = await fetch(`${server.url}/explorer/nope.js`);
  assert.equal(missing.status, 404);
});

test('an explorer that was not built is a 404 that says how to build it', async () => {
  const app = express().use('/explorer', callExplorer(join(SHOTS, 'not-built')));
  const listener = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => listener.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(listener.address() as AddressInfo).port}/explorer/`);
    assert.equal(res.status, 404);
    assert.match(await res.text(), /npm run build/);
  } finally {
    listener.close();
  }
});
