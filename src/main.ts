import 'reflect-metadata';
import { SandboxEnvironment, startSandboxEnvironment } from './app/sandbox-environment';
import { buildRuntime } from './app/runtime';
import { CallbridgeConfig } from './config/config.schema';
import { ConfigError, loadConfigFile } from './config/load-config';
import { SANDBOX_KEYS } from './config/sandbox-config';
import { RC_SANDBOX_CREDENTIALS } from './sandbox/ringcentral/sandbox-credentials';
import { CG_SANDBOX_CREDENTIALS } from './sandbox/callgear/cg-sandbox-credentials';
import { TP_SANDBOX_CREDENTIALS } from './sandbox/telphin/tp-sandbox-credentials';
import { startServer } from './server/app';

/**
 * `npm start`: serves the configured accounts, or the sandbox when CALLBRIDGE_CONFIG is not set.
 * `npm run sandbox` (`--simulators-only`): runs the vendor simulators alone, for your own client.
 */
async function main(): Promise<void> {
  const simulatorsOnly = process.argv.includes('--simulators-only');
  const configPath = process.env['CALLBRIDGE_CONFIG'] || undefined;
  const started = Date.now();
  let config: CallbridgeConfig;
  let sandbox: SandboxEnvironment | null = null;
  try {
    if (configPath && !simulatorsOnly) config = loadConfigFile(configPath);
    else {
      sandbox = await startSandboxEnvironment();
      config = sandbox.config;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Callbridge cannot start: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const simulatorLines = sandbox
    ? [
        `  RingCentral simulator: ${sandbox.ringcentral.baseUrl} (media ${sandbox.ringcentral.mediaBaseUrl})`,
        `      client id ${RC_SANDBOX_CREDENTIALS.clientId}, client secret ${RC_SANDBOX_CREDENTIALS.clientSecret}, JWT assertion ${RC_SANDBOX_CREDENTIALS.jwt}`,
        `      control: ${sandbox.ringcentral.baseUrl}/__sandbox/stats`,
        `  CallGear simulator:    ${sandbox.callgear.baseUrl}/v2.0 (JSON-RPC; times in ${sandbox.callgear.timeZone})`,
        `      access_token ${CG_SANDBOX_CREDENTIALS.accessToken}, or login.user ${CG_SANDBOX_CREDENTIALS.login} / ${CG_SANDBOX_CREDENTIALS.password}`,
        `      control: ${sandbox.callgear.baseUrl}/__sandbox/stats`,
        `  Telphin simulator:     ${sandbox.telphin.baseUrl} (REST under /api/ver1.0/client/@me/)`,
        `      client id ${TP_SANDBOX_CREDENTIALS.clientId}, client secret ${TP_SANDBOX_CREDENTIALS.clientSecret} (POST /oauth/token, client_credentials)`,
        `      control: ${sandbox.telphin.baseUrl}/__sandbox/stats`,
      ]
    : [];
  if (simulatorsOnly) {
    console.log(['Callbridge vendor simulators are listening (sandbox data set):', ...simulatorLines].join('\n'));
    process.on('SIGINT', () => void sandbox!.stop().then(() => process.exit(0)));
    process.on('SIGTERM', () => void sandbox!.stop().then(() => process.exit(0)));
    return;
  }

  const port = Number(process.env['PORT'] ?? 4000);
  const host = process.env['HOST'] ?? '127.0.0.1';
  const runtime = buildRuntime(config, sandbox ? { dataSet: sandbox.dataSet } : {});
  const server = await startServer(runtime, port, host);
  const lines = [
    `Callbridge is listening (${configPath ? `config ${configPath}` : 'SANDBOX mode: no vendor account needed'}, ready in ${Date.now() - started} ms)`,
    `  GraphQL API:  ${server.url}/graphql`,
    `  Playground:   ${server.url}/graphql  (open it in a browser)`,
    `  Health:       ${server.url}/healthz`,
  ];
  if (sandbox) {
    const calls = runtime.adapters.length * config.sandbox.callsPerVendor;
    lines.push(
      `  Sandbox data: ${calls} calls over the last ${config.sandbox.days} days in ${runtime.adapters.length} accounts (${runtime.adapters.map((a) => a.account).join(', ')})`,
      `  Demo tenants: demo              key ${SANDBOX_KEYS.demo}  (all accounts; requests without a key act as demo)`,
      `                demo-ringcentral  key ${SANDBOX_KEYS['demo-ringcentral']}  (the RingCentral account only)`,
      ...simulatorLines,
      `  Try: curl -s ${server.url}/graphql -H 'content-type: application/json' -d '{"query":"{ callSessions(first: 3) { edges { node { provider startTime result } } } }"}'`,
    );
  }
  console.log(lines.join('\n'));
  const shutdown = (): void => {
    void Promise.all([server.stop(), sandbox?.stop()]).then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
