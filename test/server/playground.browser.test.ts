import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Browser, chromium } from 'playwright-core';
import { TestServer, startTestServer } from '../support/test-server';

/**
 * The playground in a real browser (Debian's chromium, installed by .ci/run): GraphiQL starts from the
 * server's own files under its content security policy, reads the schema and runs the example query.
 */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server: TestServer;
let browser: Browser;
before(async () => {
  assert.ok(existsSync(CHROMIUM), `chromium at ${CHROMIUM} (apt-get install chromium; .ci/run does)`);
  server = await startTestServer({ callsPerVendor: 50 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('GraphiQL starts from local files under the content security policy, reads the schema and runs the example', async () => {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url)) outside.push(request.url());
  });
  const schema = page.waitForResponse((res) => res.url() === `${server.url}/graphql` && (res.request().postData() ?? '').includes('IntrospectionQuery'));
  await page.goto(`${server.url}/graphql`);
  assert.equal((await schema).status(), 200, 'the schema was read');
  await page.waitForSelector('.graphiql-container', { timeout: 15_000 });
  const ran = page.waitForResponse((res) => res.url() === `${server.url}/graphql` && (res.request().postData() ?? '').includes('RecentCalls'));
  await page.click('.graphiql-execute-button');
  const answer = (await (await ran).json()) as { data?: { callSessions?: { edges: unknown[] } } };
  assert.ok((answer.data?.callSessions?.edges.length ?? 0) > 0, 'the example query answered rows');
  await page.locator('.graphiql-response').getByText('edges').first().waitFor({ timeout: 10_000 });
  assert.deepEqual(violations, [], 'no content security policy violation');
  assert.deepEqual(outside, [], 'nothing fetched from another origin');
  await page.close();
});

test('a favicon, and with a key required: a visible hint and the Headers tab prefilled; with the key the docs explorer shows descriptions', async () => {
  const icon = await fetch(`${server.url}/favicon.ico`);
  assert.equal(icon.status, 200);
  assert.equal(icon.headers.get('content-type'), 'image/x-icon');
  assert.deepEqual([...new Uint8Array(await icon.arrayBuffer()).slice(0, 6)], [0, 0, 1, 0, 1, 0], 'an ICO with one image');
  const open = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
  assert.doesNotMatch(await open.text(), /key-hint/, 'the sandbox needs no key: no hint');

  const keyed = await startTestServer({ callsPerVendor: 20, configure: (c) => ({ ...c, anonymousTenant: undefined }) });
  const page = await browser.newPage();
  try {
    await page.goto(`${keyed.url}/graphql`);
    const hint = page.locator('#key-hint');
    await hint.waitFor({ timeout: 15_000 });
    assert.match((await hint.textContent())!, /needs an API key\. Put it in the Headers tab/);
    await page.waitForSelector('.graphiql-container', { timeout: 15_000 });
    await page.locator('.graphiql-editor-tool').getByText('Bearer <your api key>').first().waitFor({ timeout: 10_000 });
    // The key filled in (GraphiQL keeps the Headers tab in the browser's storage) and the page loaded again: the schema is read.
    await page.evaluate(`localStorage.setItem('graphiql:headers', ${JSON.stringify(JSON.stringify({ Authorization: 'Bearer sandbox-demo-key' }))})`);
    const schema = page.waitForResponse((res) => res.url() === `${keyed.url}/graphql` && (res.request().postData() ?? '').includes('IntrospectionQuery'));
    await page.reload();
    assert.equal((await schema).status(), 200, 'the schema was read with the key');
    await page.waitForSelector('.graphiql-container', { timeout: 15_000 });
    await page.locator('button[aria-label="Show Documentation Explorer"]').click();
    await page.locator('.graphiql-doc-explorer a', { hasText: /^Query$/ }).first().click();
    await page.getByText('Call history from every configured telephony vendor, behind one schema.').waitFor({ timeout: 10_000 });
    await page.getByText('Call sessions of every vendor account the caller may read, merged into one keyset-paged walk.').first().waitFor({ timeout: 10_000 });
  } finally {
    await page.close();
    await keyed.stop();
  }
});
