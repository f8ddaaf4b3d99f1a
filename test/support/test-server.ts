import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { Runtime, buildRuntime } from '../../src/app/runtime';
import { CallbridgeConfig } from '../../src/config/config.schema';
import { hashApiKey, sandboxConfig } from '../../src/config/sandbox-config';
import { parseConfig } from '../../src/config/load-config';
import { RunningServer, startServer } from '../../src/server/app';

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
  readonly runtime: Runtime;
  gql<T, V>(document: TypedDocumentNode<T, V>, variables?: V, apiKey?: string | null): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** A small sandbox (callsPerVendor calls per account) unless a config is given. */
export function smallSandboxConfig(callsPerVendor = 300, extra: Partial<Record<string, unknown>> = {}): CallbridgeConfig {
  const base = sandboxConfig({ CALLBRIDGE_SIGNING_SECRET: 'test-signing-secret-test-signing-secret' });
  return parseConfig({ ...base, sandbox: { ...base.sandbox, callsPerVendor }, ...extra });
}

export async function startTestServer(config: CallbridgeConfig = smallSandboxConfig(), now?: () => number): Promise<TestServer> {
  const runtime = buildRuntime(config, now);
  const server: RunningServer = await startServer(runtime, 0);
  return {
    url: server.url,
    runtime,
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
    },
  };
}

export { hashApiKey };
