import { CallbridgeConfig } from '../config/config.schema';
import { sandboxConfig, sandboxDataSetSettings } from '../config/sandbox-config';
import { SandboxDataSet } from '../sandbox/dataset/sandbox-dataset';
import { RC_DOCUMENTED_LIMITS, RcGroupLimit, RcRateGroup } from '../sandbox/ringcentral/rc-rate-limits';
import { RunningRingCentralSimulator, startRingCentralSimulator } from '../sandbox/ringcentral/ringcentral-simulator';
import { CG_DEFAULT_LIMITS, RunningCallGearSimulator, startCallGearSimulator } from '../sandbox/callgear/callgear-simulator';
import { CgLimitSettings } from '../sandbox/callgear/cg-limits';
import { RunningTelphinSimulator, TP_DEFAULT_HOURLY_QUOTA, TelphinSimulatorOptions, startTelphinSimulator } from '../sandbox/telphin/telphin-simulator';

export interface SandboxEnvironmentOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Ports of the simulators (0 picks free ones; defaults 4101 and 4111). */
  readonly ringcentralPort?: number;
  readonly ringcentralMediaPort?: number;
  /** Rate limits of the RingCentral simulator; the sandbox is generous unless told otherwise. */
  readonly ringcentralRateLimits?: Partial<Record<RcRateGroup, RcGroupLimit>>;
  /** CallGear simulator port (0 picks a free one; default 4102), zone and point limits. */
  readonly callgearPort?: number;
  readonly callgearTimeZone?: string;
  readonly callgearLimits?: Partial<CgLimitSettings>;
  /** Telphin simulator port (0 picks a free one; default 4103) and limits. */
  readonly telphinPort?: number;
  readonly telphin?: Partial<Pick<TelphinSimulatorOptions, 'hourlyQuota' | 'tokenTtlSeconds' | 'statsDurationMs'>>;
  readonly now?: () => number;
}

export interface SandboxEnvironment {
  readonly dataSet: SandboxDataSet;
  readonly ringcentral: RunningRingCentralSimulator;
  readonly callgear: RunningCallGearSimulator;
  readonly telphin: RunningTelphinSimulator;
  readonly config: CallbridgeConfig;
  stop(): Promise<void>;
}

/** Generous sandbox limits, so a person clicking around never waits a penalty minute. */
const SANDBOX_RC_LIMITS: Record<RcRateGroup, RcGroupLimit> = {
  Light: { limit: 1000, windowSeconds: 60, penaltySeconds: 5 },
  Medium: { limit: 1000, windowSeconds: 60, penaltySeconds: 5 },
  Heavy: { limit: 600, windowSeconds: 60, penaltySeconds: 5 },
  Auth: { limit: 100, windowSeconds: 60, penaltySeconds: 5 },
};

/** The data set, the vendor simulators serving it, and the configuration that points Callbridge at them. */
export async function startSandboxEnvironment(options: SandboxEnvironmentOptions = {}): Promise<SandboxEnvironment> {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const settings = sandboxDataSetSettings(env);
  const callgearZone = options.callgearTimeZone ?? 'Europe/Berlin';
  const dataSet = new SandboxDataSet({ ...settings, anchor: new Date(now()), wallClockZones: { callgear: callgearZone } });
  const rcLimits = { ...RC_DOCUMENTED_LIMITS, ...(options.ringcentralRateLimits ?? SANDBOX_RC_LIMITS) };
  const cgLimits = { ...CG_DEFAULT_LIMITS, ...options.callgearLimits };
  const tpHourlyQuota = options.telphin?.hourlyQuota ?? TP_DEFAULT_HOURLY_QUOTA;
  const ringcentral = await startRingCentralSimulator({
    dataSet,
    port: options.ringcentralPort ?? Number(env['RINGCENTRAL_SIMULATOR_PORT'] ?? 4101),
    mediaPort: options.ringcentralMediaPort ?? Number(env['RINGCENTRAL_MEDIA_PORT'] ?? 4111),
    rateLimits: rcLimits,
    now,
  });
  const callgear = await startCallGearSimulator({
    dataSet,
    port: options.callgearPort ?? Number(env['CALLGEAR_SIMULATOR_PORT'] ?? 4102),
    timeZone: callgearZone,
    limits: cgLimits,
    now,
  });
  const telphin = await startTelphinSimulator({
    dataSet,
    port: options.telphinPort ?? Number(env['TELPHIN_SIMULATOR_PORT'] ?? 4103),
    ...options.telphin,
    now,
  });
  const config = sandboxConfig(env, {
    ringcentral: {
      baseUrl: ringcentral.baseUrl,
      mediaBaseUrl: ringcentral.mediaBaseUrl,
      rateLimits: Object.fromEntries(Object.entries(rcLimits).map(([group, l]) => [group, [{ limit: l.limit, windowSeconds: l.windowSeconds }]])),
    },
    callgear: {
      baseUrl: callgear.baseUrl,
      mediaBaseUrl: callgear.mediaBaseUrl,
      timeZone: callgear.timeZone,
      rateLimits: { points: [{ limit: cgLimits.minuteLimit, windowSeconds: 60 }, { limit: cgLimits.dayLimit, windowSeconds: 86_400 }] },
    },
    telphin: { baseUrl: telphin.baseUrl, rateLimits: { api: [{ limit: tpHourlyQuota, windowSeconds: 3600 }] } },
  });
  return { dataSet, ringcentral, callgear, telphin, config, stop: async () => void (await Promise.all([ringcentral.stop(), callgear.stop(), telphin.stop()])) };
}
