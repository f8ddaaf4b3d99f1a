import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConnectors } from '../../src/app/crm-connectors';
import { hashApiKey } from '../../src/config/api-keys';
import { ConfigError, loadConfigFile } from '../../src/config/load-config';

const dir = mkdtempSync(join(tmpdir(), 'crm-connectors-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const config = (connectors: string) => `
signingSecret: ${'s'.repeat(40)}
publicUrl: https://calls.example.com
accounts:
  - key: rc-main
    provider: RINGCENTRAL
    credentials: { clientId: rc-id, clientSecret: rc-secret, jwt: rc-jwt }
tenants:
  - name: acme
    accounts: [rc-main]
    apiKeys: ["${hashApiKey('acme-key')}"]
appConnect:
  connectors:
${connectors}
`;

/** An App Connect connector as its authors write one: a CommonJS module of four async functions. */
const CONNECTOR = `
const logs = [];
async function findContact({ phoneNumber }) { return { successful: true, matchedContactInfo: [{ id: 'c1', name: 'Ann', phone: phoneNumber, createdDate: '2020-01-01T00:00:00Z' }] }; }
async function createCallLog({ callLog, composedLogDetails }) { logs.push({ id: callLog.sessionId, note: composedLogDetails }); return { logId: 'log-' + logs.length, returnMessage: { message: 'ok', messageType: 'success', ttl: 1000 } }; }
async function updateCallLog({ existingCallLog }) { return { updatedNote: existingCallLog.thirdPartyLogId }; }
async function getCallLog({ callLogId }) { return { callLogInfo: callLogId ? { logId: callLogId, note: '' } : null }; }
exports.findContact = findContact; exports.createCallLog = createCallLog; exports.updateCallLog = updateCallLog; exports.getCallLog = getCallLog;
`;

test("a connector module is loaded from its path and called as App Connect calls it; its token comes from the environment", async () => {
  const module = write('my-crm.js', CONNECTOR);
  const parsed = loadConfigFile(
    write('ok.yaml', config(`    - { tenant: acme, name: my-crm, module: ${module}, authHeader: "Bearer \${CRM_TOKEN}", user: { id: "9", userSettings: { addCallLogNote: { value: false } } } }`)),
    { CRM_TOKEN: 'crm-secret-token' },
  );
  const [loaded] = loadConnectors(parsed);
  assert.equal(loaded!.settings.authHeader, 'Bearer crm-secret-token');
  assert.deepEqual(loaded!.settings.user.userSettings, { addCallLogNote: { value: false } });
  assert.equal(loaded!.settings.timeoutMs, 15_000);
  const found = await loaded!.connector.findContact({ user: loaded!.settings.user, authHeader: loaded!.settings.authHeader, phoneNumber: '+15550001' });
  assert.equal(found.matchedContactInfo![0]!.id, 'c1');
});

test('a connector must be a tenant\'s, named once, with accounts of that tenant', () => {
  const bad = config(`    - { tenant: nobody, name: a, module: builtin:sandbox-crm, authHeader: x, user: { id: "1" } }
    - { tenant: acme, name: b, module: builtin:sandbox-crm, authHeader: x, user: { id: "1" }, serverSideLogging: { accounts: [cg-other] } }
    - { tenant: acme, name: b, module: builtin:sandbox-crm, authHeader: x, user: { id: "1" }, userMapping: [{ account: cg-other, extensionNumber: "101", crmUserId: "2" }] }`);
  assert.throws(
    () => loadConfigFile(write('bad.yaml', bad), {}),
    (error: Error) =>
      error instanceof ConfigError &&
      error.message.includes('appConnect.connectors[0].tenant: no tenant is named "nobody"') &&
      error.message.includes('appConnect.connectors[1].serverSideLogging.accounts[0]: tenant "acme" has no account "cg-other"') &&
      error.message.includes('appConnect.connectors[2].name: tenant "acme" has two connectors named "b"') &&
      error.message.includes('appConnect.connectors[2].userMapping[0].account: tenant "acme" has no account "cg-other"'),
  );
  assert.throws(() => loadConfigFile(write('env.yaml', config(`    - { tenant: acme, name: a, module: builtin:sandbox-crm, authHeader: "Bearer \${CRM_TOKEN}", user: { id: "1" } }`)), {}), /appConnect\.connectors\[0\]\.authHeader: environment variable CRM_TOKEN is not set/);
});

test('a module that is not a connector, or an unknown built-in, stops startup with the reason', () => {
  const half = write('half.js', 'exports.findContact = async () => ({}); exports.createCallLog = async () => ({ logId: 1 });');
  const parsed = (module: string) => loadConfigFile(write(`m-${Math.random()}.yaml`, config(`    - { tenant: acme, name: a, module: "${module}", authHeader: x, user: { id: "1" } }`)), {});
  assert.throws(() => loadConnectors(parsed(half)), /appConnect\.connectors\[0\]\.module: .*half\.js does not export updateCallLog, getCallLog/);
  assert.throws(() => loadConnectors(parsed(join(dir, 'missing.js'))), /appConnect\.connectors\[0\]\.module: cannot load .*missing\.js/);
  assert.throws(() => loadConnectors(parsed('builtin:salesforce')), /no built-in connector "builtin:salesforce" \(built in: builtin:sandbox-crm\)/);
});
