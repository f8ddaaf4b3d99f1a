import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
export function sandboxConfig(env: NodeJS.ProcessEnv, accounts: readonly Record<string, unknown>[], crm: SandboxCrm | null = null): CallbridgeConfig {
  const tenants = sandboxTenants(accounts.map((a) => String(a['key'])));
  return parseConfig({
    ...(crm ? { appConnect: sandboxAppConnect(env, crm, tenants[0]!.name) } : {}),
    // Sandbox cursors and links are signed with a per-process secret unless one is given.
    signingSecret: env['CALLBRIDGE_SIGNING_SECRET'] || randomBytes(32).toString('base64url'),
    accounts,
    tenants: tenants.map((t) => ({ name: t.name, accounts: t.accounts, apiKeys: [hashApiKey(t.key)] })),
    anonymousTenant: 'demo',
    // The playground, introspection, local development origins (CORS) and metrics on the API port.
    mode: 'sandbox',
  });
}

/** Where the sandbox CRM listens, and from when its calls are logged. */
export interface SandboxCrm {
  readonly baseUrl: string;
  readonly token: string;
  readonly since: Date;
}

/**
 * The demo tenant's calls logged into the sandbox CRM through the sample connector: server-side logging of the
 * last day's calls, HTML notes with App Connect's default settings, and a ledger of this process's own (the
 * sandbox CRM starts empty each time) unless CALLBRIDGE_LEDGER_PATH names one.
 */
function sandboxAppConnect(env: NodeJS.ProcessEnv, crm: SandboxCrm, tenant: string): Record<string, unknown> {
  return {
    ledgerPath: env['CALLBRIDGE_LEDGER_PATH'] || join(tmpdir(), `callbridge-sandbox-ledger-${process.pid}-${Date.now()}.db`),
    connectors: [
      {
        tenant,
        name: 'sandbox-crm',
        module: 'builtin:sandbox-crm',
        authHeader: `Bearer ${crm.token}`,
        logFormat: 'text/html',
        user: { id: '1', hostname: crm.baseUrl, timezoneOffset: '+00:00', userSettings: { addCallLogContactNumber: { value: true }, addCallSessionId: { value: true } } },
        serverSideLogging: { since: crm.since.toISOString(), pollSeconds: 10 },
      },
    ],
  };
}
