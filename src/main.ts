import 'reflect-metadata';
import { buildRuntime } from './app/runtime';
import { CallbridgeConfig } from './config/config.schema';
import { ConfigError, loadConfigFile } from './config/load-config';
import { SANDBOX_KEYS, sandboxConfig } from './config/sandbox-config';
import { startServer } from './server/app';

/** `npm start`: serves the configured accounts, or the sandbox when CALLBRIDGE_CONFIG is not set. */
async function main(): Promise<void> {
  const configPath = process.env['CALLBRIDGE_CONFIG'] || undefined;
  let config: CallbridgeConfig;
  try {
    config = configPath ? loadConfigFile(configPath) : sandboxConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Callbridge cannot start: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const port = Number(process.env['PORT'] ?? 4000);
  const host = process.env['HOST'] ?? '127.0.0.1';
  const started = Date.now();
  const runtime = buildRuntime(config);
  const server = await startServer(runtime, port, host);
  const lines = [
    `Callbridge is listening (${configPath ? `config ${configPath}` : 'SANDBOX mode: no vendor account needed'}, ready in ${Date.now() - started} ms)`,
    `  GraphQL API:  ${server.url}/graphql`,
    `  Playground:   ${server.url}/graphql  (open it in a browser)`,
    `  Health:       ${server.url}/healthz`,
  ];
  if (!configPath) {
    const calls = runtime.adapters.length * config.sandbox.callsPerVendor;
    lines.push(
      `  Sandbox data: ${calls} calls over the last ${config.sandbox.days} days in ${runtime.adapters.length} accounts (${runtime.adapters.map((a) => a.account).join(', ')})`,
      `  Demo tenants: demo              key ${SANDBOX_KEYS.demo}  (all accounts; requests without a key act as demo)`,
      `                demo-ringcentral  key ${SANDBOX_KEYS['demo-ringcentral']}  (the RingCentral account only)`,
      `  Try: curl -s ${server.url}/graphql -H 'content-type: application/json' -d '{"query":"{ callSessions(first: 3) { edges { node { provider startTime result } } } }"}'`,
    );
  }
  console.log(lines.join('\n'));
  const shutdown = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
