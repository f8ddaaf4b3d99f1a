import { createHash, randomBytes } from 'node:crypto';
import { CallbridgeConfig } from './config.schema';
import { parseConfig } from './load-config';
import { RateLimits } from '../upstream/rate-budget';
import { RC_SANDBOX_CREDENTIALS } from '../sandbox/ringcentral/sandbox-credentials';
import { CG_SANDBOX_CREDENTIALS } from '../sandbox/callgear/cg-sandbox-credentials';
import { TP_SANDBOX_CREDENTIALS } from '../sandbox/telphin/tp-sandbox-credentials';

/** The demo tenants' API keys: public on purpose, printed at startup and in the README. */
export const SANDBOX_KEYS = { demo: 'sandbox-demo-key', 'demo-ringcentral': 'sandbox-ringcentral-key' } as const;

export const hashApiKey = (key: string): string => `sha256:${createHash('sha256').update(key).digest('hex')}`;


/**
 * Where the sandbox's vendor simulators listen, and the limits they enforce: the sandbox accounts are
 * configured with them, as a real deployment configures the limits its vendors grant.
 */
export interface SandboxSimulatorUrls {
  readonly ringcentral: { readonly baseUrl: string; readonly mediaBaseUrl: string; readonly rateLimits: RateLimits };
  readonly callgear: { readonly baseUrl: string; readonly mediaBaseUrl: string; readonly timeZone: string; readonly rateLimits: RateLimits };
  readonly telphin: { readonly baseUrl: string; readonly rateLimits: RateLimits };
}

/** The sandbox data set's size, from the environment. */
export function sandboxDataSetSettings(env: NodeJS.ProcessEnv = process.env): CallbridgeConfig['sandbox'] {
  return { seed: 20261122, callsPerVendor: env['CALLBRIDGE_SANDBOX_CALLS'] ? Number(env['CALLBRIDGE_SANDBOX_CALLS']) : 3000, days: 30 };
}

/**
 * What `npm start` serves with no configuration: two demo tenants over three accounts, each read through
 * its vendor's real adapter from a local simulator of that vendor.
 */
export function sandboxConfig(env: NodeJS.ProcessEnv, simulators: SandboxSimulatorUrls): CallbridgeConfig {
  return parseConfig({
    // Sandbox cursors and links are signed with a per-process secret unless one is given.
    signingSecret: env['CALLBRIDGE_SIGNING_SECRET'] || randomBytes(32).toString('base64url'),
    sandbox: sandboxDataSetSettings(env),
    accounts: [
      {
        key: 'ringcentral-demo',
        provider: 'RINGCENTRAL',
        source: 'live',
        baseUrl: simulators.ringcentral.baseUrl,
        mediaBaseUrl: simulators.ringcentral.mediaBaseUrl,
        credentials: { ...RC_SANDBOX_CREDENTIALS },
        defaultCountry: 'US',
        rateLimits: simulators.ringcentral.rateLimits,
      },
      {
        key: 'callgear-demo',
        provider: 'CALLGEAR',
        source: 'live',
        baseUrl: simulators.callgear.baseUrl,
        mediaBaseUrl: simulators.callgear.mediaBaseUrl,
        credentials: { accessToken: CG_SANDBOX_CREDENTIALS.accessToken },
        timeZone: simulators.callgear.timeZone,
        rateLimits: simulators.callgear.rateLimits,
      },
      {
        key: 'telphin-demo',
        provider: 'TELPHIN',
        source: 'live',
        baseUrl: simulators.telphin.baseUrl,
        credentials: { ...TP_SANDBOX_CREDENTIALS },
        defaultCountry: 'RU',
        rateLimits: simulators.telphin.rateLimits,
      },
    ],
    tenants: [
      { name: 'demo', accounts: ['ringcentral-demo', 'callgear-demo', 'telphin-demo'], apiKeys: [hashApiKey(SANDBOX_KEYS.demo)] },
      { name: 'demo-ringcentral', accounts: ['ringcentral-demo'], apiKeys: [hashApiKey(SANDBOX_KEYS['demo-ringcentral'])] },
    ],
    anonymousTenant: 'demo',
  });
}
