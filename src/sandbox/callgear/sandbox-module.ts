import { defineSandbox, portOf } from '../sandbox-module';
import { CG_DEFAULT_LIMITS, CallGearSimulatorOptions, RunningCallGearSimulator, startCallGearSimulator } from './callgear-simulator';
import { CG_SANDBOX_CREDENTIALS } from './cg-sandbox-credentials';
import { CgLimitSettings } from './cg-limits';
import { CALLGEAR_PROFILE } from './profile';

export interface CallGearSandboxOptions extends Pick<CallGearSimulatorOptions, 'exclusiveRangeEnds'> {
  /** The account's zone (default Europe/Berlin): CallGear's times are wall times there. */
  readonly timeZone: string;
  readonly limits: Partial<CgLimitSettings>;
}

const zoneOf = (options: Partial<CallGearSandboxOptions>): string => options.timeZone ?? 'Europe/Berlin';
const limitsOf = (options: Partial<CallGearSandboxOptions>): CgLimitSettings => ({ ...CG_DEFAULT_LIMITS, ...options.limits });

export const callgearSandbox = defineSandbox<CallGearSandboxOptions, RunningCallGearSimulator>({
  vendor: 'callgear',
  profile: CALLGEAR_PROFILE,
  wallClockZone: zoneOf,
  start: (start, options) =>
    startCallGearSimulator({ dataSet: start.dataSet, port: portOf(start, 'CALLGEAR_SIMULATOR_PORT', 4102), timeZone: zoneOf(options), limits: limitsOf(options), ...(options.exclusiveRangeEnds !== undefined ? { exclusiveRangeEnds: options.exclusiveRangeEnds } : {}), now: start.now }),
  demoAccount: (running, options) => ({
    key: 'callgear-demo',
    provider: 'CALLGEAR',
    baseUrl: running.baseUrl,
    mediaBaseUrl: running.mediaBaseUrl,
    // No timeZone: the adapter reads the account's own from get.account, as a live account does.
    credentials: { accessToken: CG_SANDBOX_CREDENTIALS.accessToken },
    rateLimits: { points: [{ limit: limitsOf(options).minuteLimit, windowSeconds: 60 }, { limit: limitsOf(options).dayLimit, windowSeconds: 86_400 }] },
  }),
  describe: (running) => [
    `  CallGear simulator:    ${running.baseUrl}/v2.0 (JSON-RPC; times in ${running.timeZone})`,
    `      access_token ${CG_SANDBOX_CREDENTIALS.accessToken}, or login.user ${CG_SANDBOX_CREDENTIALS.login} / ${CG_SANDBOX_CREDENTIALS.password}`,
    `      control: ${running.baseUrl}/__sandbox/stats`,
  ],
});
