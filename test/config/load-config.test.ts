import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfigFile } from '../../src/config/load-config';
import { hashApiKey } from '../../src/config/api-keys';

const dir = mkdtempSync(join(tmpdir(), 'callbridge-config-'));
/** A vendor-specific setting of a parsed account (each vendor module adds its own). */
const setting = (account: object, name: string): unknown => (account as Record<string, unknown>)[name];

const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const VALID = `
signingSecret: \${CB_SECRET}
publicUrl: https://calls.example.com
accounts:
  - key: rc-main
    provider: RINGCENTRAL
    credentials: { clientId: rc-id, clientSecret: rc-secret, jwt: rc-jwt }
  - key: cg-main
    provider: CALLGEAR
    credentials: { accessToken: cg-key }
tenants:
  - name: acme
    accounts: [rc-main]
    apiKeys: ["${hashApiKey('acme-key')}"]
`;

test('a YAML file with ${ENV} references loads, with defaults filled in', () => {
  const config = loadConfigFile(write('ok.yaml', VALID), { CB_SECRET: 'x'.repeat(40) });
  assert.equal(config.signingSecret, 'x'.repeat(40));
  assert.equal(config.paging.maxVendorPagesPerPage, 10);
  // No zone is assumed for CallGear: the adapter reads the account's own (get.account, vendors.md §2.9).
  assert.equal(setting(config.accounts[1]!, 'timeZone'), undefined);
});

test('production requires publicUrl: recording links never follow the Host header', () => {
  assert.throws(() => loadConfigFile(write('no-url.yaml', VALID.replace('publicUrl: https://calls.example.com\n', '')), { CB_SECRET: 'x'.repeat(40) }), /publicUrl: is required in production/);
  const sandbox = loadConfigFile(write('sandbox.yaml', VALID.replace('publicUrl: https://calls.example.com\n', 'mode: sandbox\n')), { CB_SECRET: 'x'.repeat(40) });
  assert.equal(sandbox.mode, 'sandbox');
});

test('JSON works too', () => {
  const json = JSON.stringify({
    signingSecret: 'y'.repeat(32),
    publicUrl: 'https://calls.example.com',
    accounts: [{ key: 'cg', provider: 'CALLGEAR', credentials: { accessToken: 'k' }, timeZone: 'Europe/Berlin' }],
    tenants: [{ name: 't', accounts: ['cg'], apiKeys: [hashApiKey('k')] }],
  });
  assert.equal(loadConfigFile(write('ok.json', json), {}).accounts[0]!.provider, 'CALLGEAR');
});

test('a missing environment variable is named, with the key that needs it', () => {
  assert.throws(() => loadConfigFile(write('env.yaml', VALID), {}), (error: Error) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /signingSecret: environment variable CB_SECRET is not set/);
    return true;
  });
});

test('invalid values are reported by key and reason, without echoing secrets', () => {
  const bad = VALID.replace('provider: RINGCENTRAL', 'provider: SKYPE').replace('accounts: [rc-main]', 'accounts: [nope]');
  assert.throws(() => loadConfigFile(write('bad.yaml', bad), { CB_SECRET: 'short-secret-value' }), (error: Error) => {
    assert.match(error.message, /signingSecret: must be at least 32 characters/);
    assert.match(error.message, /accounts\[0\]\.provider/);
    assert.doesNotMatch(error.message, /short-secret-value/);
    return true;
  });
  const badTenant = VALID.replace('accounts: [rc-main]', 'accounts: [nope]');
  assert.throws(() => loadConfigFile(write('tenant.yaml', badTenant), { CB_SECRET: 'x'.repeat(40) }), /tenants\[0\]\.accounts\[0\]: no account has the key "nope"/);
  assert.throws(() => loadConfigFile(write('plain.yaml', VALID.replace(/sha256:[0-9a-f]+/, 'acme-key')), { CB_SECRET: 'x'.repeat(40) }), /tenants\[0\]\.apiKeys\[0\]/);
});

test('accounts need their vendor\'s credentials', () => {
  const live = VALID.replace('\n    credentials: { clientId: rc-id, clientSecret: rc-secret, jwt: rc-jwt }', '');
  assert.throws(() => loadConfigFile(write('live-rc.yaml', live), { CB_SECRET: 'x'.repeat(40) }), /accounts\[0\]\.credentials\.jwt: is required for a live RINGCENTRAL account/);
  const withCredentials = live.replace('provider: RINGCENTRAL', 'provider: RINGCENTRAL\n    credentials: { clientId: "${RC_ID}", clientSecret: "${RC_SECRET}", jwt: "${RC_JWT}" }');
  const config = loadConfigFile(write('live-rc-ok.yaml', withCredentials), { CB_SECRET: 'x'.repeat(40), RC_ID: 'id', RC_SECRET: 'secret', RC_JWT: 'jwt' });
  assert.equal((setting(config.accounts[0]!, 'credentials') as Record<string, string>)['jwt'], 'jwt');
  const callgear = live.replace('provider: RINGCENTRAL', 'provider: CALLGEAR');
  assert.throws(() => loadConfigFile(write('live-cg.yaml', callgear), { CB_SECRET: 'x'.repeat(40) }), /accounts\[0\]\.credentials: a live CALLGEAR account needs accessToken, or login \+ password/);
  const callgearOk = callgear.replace('provider: CALLGEAR\n', 'provider: CALLGEAR\n    credentials: { login: "ops", password: "${CG_PASSWORD}" }\n    timeZone: Europe/Berlin\n');
  assert.equal(setting(loadConfigFile(write('live-cg-ok.yaml', callgearOk), { CB_SECRET: 'x'.repeat(40), CG_PASSWORD: 'pw' }).accounts[0]!, 'timeZone'), 'Europe/Berlin');
  assert.throws(() => loadConfigFile(write('live-cg-tz.yaml', callgearOk.replace('Europe/Berlin', 'Mars/Olympus')), { CB_SECRET: 'x'.repeat(40), CG_PASSWORD: 'pw' }), /timeZone: must be an IANA time zone/);
  const telphin = live.replace('provider: RINGCENTRAL', 'provider: TELPHIN');
  assert.throws(() => loadConfigFile(write('live-tp.yaml', telphin), { CB_SECRET: 'x'.repeat(40) }), /accounts\[0\]\.credentials\.clientSecret: is required for a live TELPHIN account/);
  const telphinOk = telphin.replace('provider: TELPHIN\n', 'provider: TELPHIN\n    credentials: { clientId: app, clientSecret: "${TP_SECRET}" }\n    telphinClientId: "37649"\n');
  assert.equal(setting(loadConfigFile(write('live-tp-ok.yaml', telphinOk), { CB_SECRET: 'x'.repeat(40), TP_SECRET: 's' }).accounts[0]!, 'telphinClientId'), '37649');
  assert.throws(() => loadConfigFile(write('live-tp-id.yaml', telphinOk.replace('"37649"', '"@them"')), { CB_SECRET: 'x'.repeat(40), TP_SECRET: 's' }), /telphinClientId: must be a numeric Telphin client id/);
});

test('unparsable files and unknown keys are reported', () => {
  assert.throws(() => loadConfigFile(write('broken.yaml', 'accounts: [\n'), {}), /not valid YAML/);
  assert.throws(() => loadConfigFile(write('extra.yaml', `${VALID}\nunknownKey: 1\n`), { CB_SECRET: 'x'.repeat(40) }), /unknownKey|Unrecognized key/);
  assert.throws(() => loadConfigFile(join(dir, 'absent.yaml'), {}), /cannot read the config file/);
});

test('the complete example in docs/configuration.md is valid', () => {
  const doc = require('node:fs').readFileSync(join(__dirname, '..', '..', '..', 'docs', 'configuration.md'), 'utf8') as string;
  const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
  const config = loadConfigFile(write('example.yaml', yaml), { CB_SIGNING_SECRET: 'z'.repeat(48), RC_CLIENT_ID: 'id', RC_CLIENT_SECRET: 'secret', RC_JWT: 'jwt', CG_ACCESS_TOKEN: 'cg-key', TP_APP_ID: 'app', TP_APP_SECRET: 'secret' });
  assert.deepEqual(config.tenants.map((t) => t.name), ['acme-crm', 'acme-support-dashboard']);
});
