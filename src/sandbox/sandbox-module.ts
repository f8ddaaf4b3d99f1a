import { SandboxDataSet } from './dataset/sandbox-dataset';
import { SandboxVendor, SandboxVendorProfile } from './dataset/types';
import { SimulatorControl } from './control/simulator-control';

/** What every running simulator offers: where it listens, its control contract, and a way to stop. */
export interface RunningSimulator {
  readonly baseUrl: string;
  readonly control: SimulatorControl;
  stop(): Promise<void>;
}

/** Where and how a simulator starts. */
export interface SimulatorStart {
  readonly dataSet: SandboxDataSet;
  /** Pick free ports (tests), or the documented defaults unless the environment names others. */
  readonly freePorts: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => number;
}

/**
 * Everything the sandbox knows of one vendor's simulator, exported by its folder as `sandbox-module.ts`
 * and listed once in sandbox/registry.ts: its share of the data set, how it starts, the demo account that
 * reads it through the vendor's real adapter, and what `npm start` prints about it.
 */
export interface SandboxModule<Options extends object = object, Running extends RunningSimulator = RunningSimulator> {
  readonly vendor: SandboxVendor;
  readonly profile: SandboxVendorProfile;
  /** The zone whose repeated autumn hour the vendor's calls keep out of (vendors that report wall times). */
  wallClockZone?(options: Partial<Options>): string;
  start(start: SimulatorStart, options: Partial<Options>): Promise<Running>;
  /** The demo account (a configuration entry) that reads this simulator, with the limits it enforces. */
  demoAccount(running: Running, options: Partial<Options>): Record<string, unknown>;
  /** Lines `npm start` prints about the simulator: where it listens and its demo credentials. */
  describe(running: Running): string[];
}

export function defineSandbox<Options extends object, Running extends RunningSimulator>(module: SandboxModule<Options, Running>): SandboxModule<Options, Running> {
  return module;
}

/** A port from the environment, or a default; 0 when free ports are asked for. */
export function portOf(start: SimulatorStart, variable: string, fallback: number): number {
  return start.freePorts ? 0 : Number(start.env[variable] ?? fallback);
}
