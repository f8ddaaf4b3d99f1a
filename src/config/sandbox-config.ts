import { createHash, randomBytes } from 'node:crypto';
import { CallbridgeConfig } from './config.schema';
import { parseConfig } from './load-config';

/** The demo tenants' API keys: public on purpose, printed at startup and in the README. */
export const SANDBOX_KEYS = { demo: 'sandbox-demo-key', 'demo-ringcentral': 'sandbox-ringcentral-key' } as const;

export const hashApiKey = (key: string): string => `sha256:${createHash('sha256').update(key).digest('hex')}`;

/** What `npm start` serves with no configuration: three sandbox accounts and two demo tenants. */
export function sandboxConfig(env: NodeJS.ProcessEnv = process.env): CallbridgeConfig {
  return parseConfig({
    // Sandbox cursors and links are signed with a per-process secret unless one is given.
    signingSecret: env['CALLBRIDGE_SIGNING_SECRET'] || randomBytes(32).toString('base64url'),
    ...(env['CALLBRIDGE_SANDBOX_CALLS'] ? { sandbox: { callsPerVendor: Number(env['CALLBRIDGE_SANDBOX_CALLS']) } } : {}),
    accounts: [
      { key: 'ringcentral-demo', provider: 'RINGCENTRAL', source: 'sandbox', defaultCountry: 'US' },
      { key: 'callgear-demo', provider: 'CALLGEAR', source: 'sandbox', timeZone: 'Europe/Berlin' },
      { key: 'telphin-demo', provider: 'TELPHIN', source: 'sandbox', defaultCountry: 'RU' },
    ],
    tenants: [
      { name: 'demo', accounts: ['ringcentral-demo', 'callgear-demo', 'telphin-demo'], apiKeys: [hashApiKey(SANDBOX_KEYS.demo)] },
      { name: 'demo-ringcentral', accounts: ['ringcentral-demo'], apiKeys: [hashApiKey(SANDBOX_KEYS['demo-ringcentral'])] },
    ],
    anonymousTenant: 'demo',
  });
}
