import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildRuntime } from './app/runtime';
import { CallbridgeConfig } from './config/config.schema';
import { ConfigError, loadConfigFile } from './config/load-config';
import { SandboxEnvironment, startSandboxEnvironment } from './sandbox/sandbox-environment';
import { sandboxDataSetSettings, sandboxTenants } from './sandbox/sandbox-config';
import { startServer } from './server/app';
import { edgeProfile } from './server/edge';

/**
 * `npm start`: serves the configured accounts, or the sandbox when CALLBRIDGE_CONFIG is not set.
 * `npm run sandbox` (`--simulators-only`): runs the vendor simulators alone, for your own client; with
 * CALLBRIDGE_SANDBOX_CONFIG_OUT=file.json it writes the configuration that points `npm start` at them.
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
      sandbox = await startSandboxEnvironment({ crm: !simulatorsOnly });
      config = sandbox.config;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Callbridge cannot start: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const simulatorLines = sandbox ? sandbox.simulators.flatMap(({ module, running }) => module.describe(running)) : [];
  if (simulatorsOnly) {
    // The configuration that points a Callbridge of its own process at these simulators (the benchmarks run it so).
    const configOut = process.env['CALLBRIDGE_SANDBOX_CONFIG_OUT'];
    if (configOut) writeFileSync(configOut, JSON.stringify(sandbox!.config, null, 2), { mode: 0o600 });
    console.log(['Callbridge vendor simulators are listening (sandbox data set):', ...simulatorLines, ...(configOut ? [`  Callbridge config for them: ${configOut}`] : [])].join('\n'));
    process.on('SIGINT', () => void sandbox!.stop().then(() => process.exit(0)));
    process.on('SIGTERM', () => void sandbox!.stop().then(() => process.exit(0)));
    return;
  }

  const port = Number(process.env['PORT'] ?? 4000);
  const host = process.env['HOST'] ?? '127.0.0.1';
  const runtime = buildRuntime(config);
  const server = await startServer(runtime, port, host);
  const lines = [
    `Callbridge is listening (${configPath ? `config ${configPath}` : 'SANDBOX mode: no vendor account needed'}, ready in ${Date.now() - started} ms)`,
    `  GraphQL API:  ${server.url}/graphql`,
    `  Playground:   ${server.url}/graphql  (open it in a browser)`,
    `  Health:       ${server.url}/healthz`,
    ...(edgeProfile(config).explorer ? [`  Explorer:     ${server.url}/explorer/  (the sample call explorer: examples/call-explorer)`] : []),
  ];
  if (sandbox) {
    const settings = sandboxDataSetSettings();
    const accounts = runtime.adapters.map((a) => a.account);
    const [everything, firstOnly] = sandboxTenants(accounts);
    lines.push(
      `  Sandbox data: ${accounts.length * settings.callsPerVendor} calls over the last ${settings.days} days in ${accounts.length} accounts (${accounts.join(', ')})`,
      `  Demo tenants: ${everything!.name.padEnd(17)} key ${everything!.key}  (all accounts; requests without a key act as ${everything!.name})`,
      `                ${firstOnly!.name.padEnd(17)} key ${firstOnly!.key}  (the ${firstOnly!.accounts[0]} account only)`,
      ...simulatorLines,
      ...(sandbox.crm ? [`  Sandbox CRM:           ${sandbox.crm.baseUrl}/  (the calls Callbridge logs through the sample App Connect connector; token ${sandbox.crm.token})`] : []),
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
