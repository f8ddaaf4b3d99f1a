import { defineSandbox, portOf } from '../sandbox-module';
import { RINGCENTRAL_PROFILE } from './profile';
import { RC_DOCUMENTED_LIMITS, RcGroupLimit, RcRateGroup } from './rc-rate-limits';
import { RingCentralSimulatorOptions, RunningRingCentralSimulator, startRingCentralSimulator } from './ringcentral-simulator';
import { RC_SANDBOX_CREDENTIALS } from './sandbox-credentials';

export interface RingCentralSandboxOptions extends Pick<RingCentralSimulatorOptions, 'callLogTotals' | 'exclusiveRangeEnds' | 'syncResetEvery'> {
  /** Rate limits of the simulator; the sandbox is generous unless told otherwise. */
  readonly rateLimits: Partial<Record<RcRateGroup, RcGroupLimit>>;
}

/** Generous sandbox limits, so a person clicking around never waits a penalty minute. */
const SANDBOX_LIMITS: Record<RcRateGroup, RcGroupLimit> = {
  Light: { limit: 1000, windowSeconds: 60, penaltySeconds: 5 },
  Medium: { limit: 1000, windowSeconds: 60, penaltySeconds: 5 },
  Heavy: { limit: 600, windowSeconds: 60, penaltySeconds: 5 },
  Auth: { limit: 100, windowSeconds: 60, penaltySeconds: 5 },
};

const limitsOf = (options: Partial<RingCentralSandboxOptions>): Record<RcRateGroup, RcGroupLimit> => ({ ...RC_DOCUMENTED_LIMITS, ...(options.rateLimits ?? SANDBOX_LIMITS) });

export const ringcentralSandbox = defineSandbox<RingCentralSandboxOptions, RunningRingCentralSimulator>({
  vendor: 'ringcentral',
  profile: RINGCENTRAL_PROFILE,
  start: (start, options) =>
    startRingCentralSimulator({
      dataSet: start.dataSet,
      port: portOf(start, 'RINGCENTRAL_SIMULATOR_PORT', 4101),
      mediaPort: portOf(start, 'RINGCENTRAL_MEDIA_PORT', 4111),
      rateLimits: limitsOf(options),
      ...(options.callLogTotals !== undefined ? { callLogTotals: options.callLogTotals } : {}),
      ...(options.exclusiveRangeEnds !== undefined ? { exclusiveRangeEnds: options.exclusiveRangeEnds } : {}),
      ...(options.syncResetEvery !== undefined ? { syncResetEvery: options.syncResetEvery } : {}),
      now: start.now,
    }),
  demoAccount: (running, options) => ({
    key: 'ringcentral-demo',
    provider: 'RINGCENTRAL',
    baseUrl: running.baseUrl,
    mediaBaseUrl: running.mediaBaseUrl,
    credentials: { ...RC_SANDBOX_CREDENTIALS },
    defaultCountry: 'US',
    rateLimits: Object.fromEntries(Object.entries(limitsOf(options)).map(([group, l]) => [group, [{ limit: l.limit, windowSeconds: l.windowSeconds }]])),
  }),
  describe: (running) => [
    `  RingCentral simulator: ${running.baseUrl} (media ${running.mediaBaseUrl})`,
    `      client id ${RC_SANDBOX_CREDENTIALS.clientId}, client secret ${RC_SANDBOX_CREDENTIALS.clientSecret}, JWT assertion ${RC_SANDBOX_CREDENTIALS.jwt}`,
    `      control: ${running.baseUrl}/__sandbox/stats`,
  ],
});
