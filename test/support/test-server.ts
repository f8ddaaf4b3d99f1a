import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { Runtime, buildRuntime } from '../../src/app/runtime';
import { CallbridgeConfig } from '../../src/config/config.schema';
import { hashApiKey } from '../../src/config/api-keys';
import { SandboxEnvironment, SandboxEnvironmentOptions, startSandboxEnvironment } from '../../src/sandbox/sandbox-environment';
import { parseConfig } from '../../src/config/load-config';
import { RunningServer, startServer } from '../../src/server/app';
import { vendorModule } from '../../src/vendors/registry';

process.env['CALLBRIDGE_LOG'] = 'silent';

export const DEMO_KEY = 'sandbox-demo-key';
export const RC_ONLY_KEY = 'sandbox-ringcentral-key';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
}

export interface TestServer {
  readonly url: string;
  /** Where the metrics are served (the API port in the sandbox, a listener of their own in production). */
  readonly metricsUrl: string;
  readonly runtime: Runtime;
  readonly sandbox: SandboxEnvironment;
  gql<T, V>(document: TypedDocumentNode<T, V>, variables?: V, apiKey?: string | null): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export const TEST_SIGNING_SECRET = 'test-signing-secret-test-signing-secret';

export interface TestServerOptions {
  readonly callsPerVendor?: number;
  /** Options of single simulators, by vendor (see each simulator folder's sandbox-module.ts). */
  readonly simulators?: SandboxEnvironmentOptions['simulators'];
  /** Callbridge's clock (a walk's asOf, cursor ages, link expiry); the simulators keep the real one. */
  readonly now?: () => number;
  /** The sandbox CRM too, with the demo tenant's connector in the configuration (server-side logging on). */
  readonly crm?: boolean;
  /** The sandbox CRM's rate limit (requests in any 2 seconds). */
  readonly crmRequestsPer2s?: number;
  /** Changes to the sandbox configuration (e.g. upstream timeouts). */
  readonly configure?: (config: CallbridgeConfig) => CallbridgeConfig;
}

/** The whole sandbox on free loopback ports: data set, simulators and the Callbridge server. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const sandbox = await startSandboxEnvironment({
    env: { CALLBRIDGE_SIGNING_SECRET: TEST_SIGNING_SECRET, CALLBRIDGE_SANDBOX_CALLS: String(options.callsPerVendor ?? 300) },
    freePorts: true,
    crm: options.crm ?? false,
    ...(options.crmRequestsPer2s ? { crmRequestsPer2s: options.crmRequestsPer2s } : {}),
    ...(options.simulators ? { simulators: options.simulators } : {}),
  });
  let runtime: Runtime;
  let server: RunningServer;
  try {
    // Walks in tests make hundreds of requests a minute: the inbound limits are lifted unless a test sets them.
    // A new walk's window ends at the whole second (not the default 5 s), so a test can start a walk whose
    // window no earlier walk had by waiting for the next second; window-end-rounding.test.ts checks the default.
    const lifted = {
      ...sandbox.config,
      limits: { ...sandbox.config.limits, tenantRequestsPerMinute: 100_000, keyRequestsPerMinute: 100_000 },
      paging: { ...sandbox.config.paging, windowEndSeconds: 1 },
    };
    const config = parseConfig(options.configure ? options.configure(lifted) : lifted);
    runtime = buildRuntime(config, options.now ? { now: options.now } : {});
    server = await startServer(runtime, 0);
  } catch (error) {
    // Nothing may keep listening after a failed start: the test process would never end.
    await sandbox.stop();
    throw error;
  }
  return {
    url: server.url,
    metricsUrl: server.metricsUrl,
    runtime,
    sandbox,
    async gql(document, variables, apiKey = DEMO_KEY) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as GraphQLResponse<never>;
      return { ...body, status: response.status };
    },
    async stop() {
      await server.stop();
      await sandbox.stop();
    },
  };
}

export { hashApiKey };

/** Sets a setting on every account whose vendor takes it (e.g. `pageSize`), from the vendor registry. */
export function withAccountSetting(config: CallbridgeConfig, name: string, value: unknown): CallbridgeConfig {
  return { ...config, accounts: config.accounts.map((a) => (name in vendorModule(a.provider).accountSettings ? { ...a, [name]: value } : a)) };
}
