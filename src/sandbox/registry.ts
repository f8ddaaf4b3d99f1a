import { callgearSandbox } from './callgear/sandbox-module';
import { SandboxDataSet, SandboxDataSetOptions } from './dataset/sandbox-dataset';
import { SandboxVendor } from './dataset/types';
import { ringcentralSandbox } from './ringcentral/sandbox-module';
import { SandboxModule } from './sandbox-module';
import { telphinSandbox } from './telphin/sandbox-module';

/**
 * The one list of vendor simulators: the data set's shares, the sandbox environment, its configuration and
 * what `npm start` prints all come from it. Adding a vendor adds one line here.
 */
export const SANDBOXES: readonly SandboxModule[] = [ringcentralSandbox, callgearSandbox, telphinSandbox] as unknown as readonly SandboxModule[];

/** A data set over the simulators' shares (all of them, or the named ones, in registry order). */
export function createSandboxDataSet(options: Omit<SandboxDataSetOptions, 'profiles'> & { readonly vendors?: readonly SandboxVendor[] }): SandboxDataSet {
  const { vendors, ...rest } = options;
  const profiles = SANDBOXES.filter((s) => !vendors || vendors.includes(s.vendor)).map((s) => s.profile);
  return new SandboxDataSet({ ...rest, profiles });
}
