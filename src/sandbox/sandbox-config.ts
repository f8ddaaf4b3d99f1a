import { randomBytes } from 'node:crypto';
import { hashApiKey } from '../config/api-keys';
import { CallbridgeConfig } from '../config/config.schema';
import { parseConfig } from '../config/load-config';

/** The sandbox data set's size, from the environment. */
export function sandboxDataSetSettings(env: NodeJS.ProcessEnv = process.env): { seed: number; callsPerVendor: number; days: number } {
  return { seed: 20261122, callsPerVendor: env['CALLBRIDGE_SANDBOX_CALLS'] ? Number(env['CALLBRIDGE_SANDBOX_CALLS']) : 3000, days: 30 };
}

/** The demo tenants: `demo` reads every account; the second sees only the first account (tenant isolation). */
export interface SandboxTenant {
  readonly name: string;
  /** The API key: public on purpose, printed at startup and in the README. */
  readonly key: string;
  readonly accounts: readonly string[];
}

export function sandboxTenants(accountKeys: readonly string[]): SandboxTenant[] {
  const first = accountKeys[0]!;
  const vendor = first.replace(/-demo$/, '');
  return [
    { name: 'demo', key: 'sandbox-demo-key', accounts: accountKeys },
    { name: `demo-${vendor}`, key: `sandbox-${vendor}-key`, accounts: [first] },
  ];
}

/**
 * What `npm start` serves with no configuration: two demo tenants over the demo accounts, each read through
 * its vendor's real adapter from a local simulator of that vendor.
 */
export function sandboxConfig(env: NodeJS.ProcessEnv, accounts: readonly Record<string, unknown>[]): CallbridgeConfig {
  const tenants = sandboxTenants(accounts.map((a) => String(a['key'])));
  return parseConfig({
    // Sandbox cursors and links are signed with a per-process secret unless one is given.
    signingSecret: env['CALLBRIDGE_SIGNING_SECRET'] || randomBytes(32).toString('base64url'),
    accounts,
    tenants: tenants.map((t) => ({ name: t.name, accounts: t.accounts, apiKeys: [hashApiKey(t.key)] })),
    anonymousTenant: 'demo',
    // The playground, introspection, local development origins (CORS) and metrics on the API port.
    mode: 'sandbox',
  });
}
