import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const MAIN = join(__dirname, '..', 'src', 'main.js');
/** Every server on a free port, so the suite passes while `npm start` runs. */
const FREE_PORTS = { PORT: '0', CALLBRIDGE_SIMULATOR_PORTS: 'free' };

/** Runs the entry point until its output contains `until`; answers the output and the child. */
async function startMain(args: string[], until: RegExp) {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...FREE_PORTS, CALLBRIDGE_SANDBOX_CALLS: '50', CALLBRIDGE_CONFIG: '' } });
  const output = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no banner: ${text}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (until.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${text}`)));
  });
  return { output, child };
}

test('npm run sandbox (--simulators-only) serves the simulators alone, with their credentials', async () => {
  const { output, child } = await startMain(['--simulators-only'], /control:/);
  try {
    assert.match(output, /sandbox-client/);
    assert.match(output, /sandbox-jwt/);
    const base = /RingCentral simulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
    const stats = await fetch(`${base}/__sandbox/stats`);
    assert.deepEqual(await stats.json(), { total: 0, routes: {} });
    assert.doesNotMatch(output, /GraphQL API/);
  } finally {
    child.kill('SIGTERM');
  }
});

test('with no configuration the entry point serves the sandbox and prints the URLs and demo keys', async () => {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...FREE_PORTS, CALLBRIDGE_SANDBOX_CALLS: '50', CALLBRIDGE_CONFIG: '' } });
  try {
    const output = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no startup banner: ${text}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('Demo tenants') && text.includes('demo-ringcentral')) {
          clearTimeout(timer);
          resolve(text);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${text}`)));
    });
    assert.match(output, /SANDBOX mode/);
    assert.match(output, /sandbox-demo-key/);
    assert.match(output, /sandbox-ringcentral-key/);
    assert.match(output, /RingCentral simulator: http/);
    const base = /GraphQL API:\s+(http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(output)![1]!;
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    // The last day's calls are logged into the sandbox CRM through the sample connector, for a person to see there.
    const crm = /Sandbox CRM:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)![1]!;
    let logged = 0;
    for (let wait = 0; wait < 40 && logged === 0; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      logged = ((await (await fetch(`${crm}/__sandbox/activities`)).json()) as { data: unknown[] }).data.length;
    }
    assert.ok(logged > 0, 'calls logged into the sandbox CRM');
    assert.match(await (await fetch(`${crm}/`)).text(), /call activities logged by Callbridge/);
  } finally {
    child.kill('SIGTERM');
  }
});

test('an invalid configuration stops startup with exit code 2 and a message naming the key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callbridge-main-'));
  const path = join(dir, 'bad.yaml');
  writeFileSync(path, 'signingSecret: too-short\naccounts: []\ntenants: []\n');
  const result = spawnSync(process.execPath, [MAIN], { env: { ...process.env, CALLBRIDGE_CONFIG: path, PORT: '0' }, encoding: 'utf8', timeout: 20_000 });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /Callbridge cannot start: invalid configuration/);
  assert.match(result.stderr, /signingSecret: must be at least 32 characters/);
  assert.doesNotMatch(result.stderr, /too-short/);
});
