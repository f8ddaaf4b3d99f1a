import { CallbridgeConfig } from '../config/config.schema';
import { SandboxDataSet } from './dataset/sandbox-dataset';
import { SANDBOXES, createSandboxDataSet } from './registry';
import { sandboxConfig, sandboxDataSetSettings } from './sandbox-config';
import { RunningSimulator, SandboxModule, portOf } from './sandbox-module';
import { RunningCrmSimulator, startCrmSimulator } from './crm/crm-simulator';

export interface SandboxEnvironmentOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Every simulator on a free port (tests), instead of the documented defaults; CALLBRIDGE_SIMULATOR_PORTS=free does the same. */
  readonly freePorts?: boolean;
  /** Options of single simulators, by vendor (see each simulator folder's sandbox-module.ts). */
  readonly simulators?: Readonly<Record<string, object>>;
  readonly now?: () => number;
  /**
   * The sandbox CRM too, with server-side logging of the demo tenant's calls of the last day into it through the
   * sample App Connect connector (`npm start`); off by default, so that tests count only their own CRM calls.
   */
  readonly crm?: boolean;
  /** The sandbox CRM's rate limit (requests in any 2 seconds), instead of its default. */
  readonly crmRequestsPer2s?: number;
}

export interface SandboxEnvironment {
  readonly dataSet: SandboxDataSet;
  /** The running simulators, in registry order. */
  readonly simulators: ReadonlyArray<{ readonly module: SandboxModule; readonly running: RunningSimulator }>;
  readonly config: CallbridgeConfig;
  /** The sandbox CRM, when it was asked for. */
  readonly crm: RunningCrmSimulator | null;
  /** One vendor's running simulator, typed by its sandbox module. */
  running<R extends RunningSimulator>(module: SandboxModule<never, R>): R;
  stop(): Promise<void>;
}

/** The data set, the vendor simulators serving it, and the configuration that points Callbridge at them. */
export async function startSandboxEnvironment(options: SandboxEnvironmentOptions = {}): Promise<SandboxEnvironment> {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const optionsOf = (module: SandboxModule): object => options.simulators?.[module.vendor] ?? {};
  const wallClockZones = Object.fromEntries(SANDBOXES.flatMap((m) => (m.wallClockZone ? [[m.vendor, m.wallClockZone(optionsOf(m))]] : [])));
  const dataSet = createSandboxDataSet({ ...sandboxDataSetSettings(env), anchor: new Date(now()), wallClockZones });
  const start = { dataSet, freePorts: options.freePorts ?? env['CALLBRIDGE_SIMULATOR_PORTS'] === 'free', env, now };
  const simulators = await Promise.all(SANDBOXES.map(async (module) => ({ module, running: await module.start(start, optionsOf(module)) })));
  const crm = options.crm ? await startCrmSimulator({ dataSet, vendors: SANDBOXES.map((m) => m.vendor), port: portOf(start, 'CRM_SIMULATOR_PORT', 4104), now, ...(options.crmRequestsPer2s ? { requestsPer2s: options.crmRequestsPer2s } : {}) }) : null;
  const config = sandboxConfig(env, simulators.map(({ module, running }) => module.demoAccount(running, optionsOf(module))), crm ? { baseUrl: crm.baseUrl, token: crm.token, since: new Date(now() - 86_400_000) } : null);
  return {
    dataSet,
    simulators,
    config,
    crm,
    running: <R extends RunningSimulator>(module: SandboxModule<never, R>): R => {
      const found = simulators.find((s) => s.module.vendor === module.vendor);
      if (!found) throw new Error(`no ${module.vendor} simulator is running`);
      return found.running as R;
    },
    stop: async () => void (await Promise.all([...simulators.map(({ running }) => running.stop()), crm?.stop()])),
  };
}
