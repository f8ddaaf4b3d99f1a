import { defineSandbox, portOf } from '../sandbox-module';
import { TELPHIN_PROFILE } from './profile';
import { RunningTelphinSimulator, TP_DEFAULT_HOURLY_QUOTA, TelphinSimulatorOptions, startTelphinSimulator } from './telphin-simulator';
import { TP_SANDBOX_CREDENTIALS } from './tp-sandbox-credentials';

export type TelphinSandboxOptions = Pick<TelphinSimulatorOptions, 'hourlyQuota' | 'tokenTtlSeconds' | 'statsDurationMs' | 'exclusiveRangeEnds' | 'perPageCap'>;

export const telphinSandbox = defineSandbox<TelphinSandboxOptions, RunningTelphinSimulator>({
  vendor: 'telphin',
  profile: TELPHIN_PROFILE,
  start: (start, options) => startTelphinSimulator({ dataSet: start.dataSet, port: portOf(start, 'TELPHIN_SIMULATOR_PORT', 4103), ...options, now: start.now }),
  demoAccount: (running, options) => ({
    key: 'telphin-demo',
    provider: 'TELPHIN',
    baseUrl: running.baseUrl,
    credentials: { ...TP_SANDBOX_CREDENTIALS },
    defaultCountry: 'RU',
    rateLimits: { api: [{ limit: options.hourlyQuota ?? TP_DEFAULT_HOURLY_QUOTA, windowSeconds: 3600 }] },
  }),
  describe: (running) => [
    `  Telphin simulator:     ${running.baseUrl} (REST under /api/ver1.0/client/@me/)`,
    `      client id ${TP_SANDBOX_CREDENTIALS.clientId}, client secret ${TP_SANDBOX_CREDENTIALS.clientSecret} (POST /oauth/token, client_credentials)`,
    `      control: ${running.baseUrl}/__sandbox/stats`,
  ],
});
