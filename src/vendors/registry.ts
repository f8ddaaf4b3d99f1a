import { callgearModule } from './callgear/module';
import { ringcentralModule } from './ringcentral/module';
import { telphinModule } from './telphin/module';
import { VendorModule } from './vendor-module';

/**
 * The one list of vendors. The config schema, the account wiring, the GraphQL `Provider` enum and its
 * descriptions, and the provider ids all come from it: adding a vendor adds one line here.
 */
export const VENDORS: readonly VendorModule[] = [ringcentralModule, callgearModule, telphinModule] as unknown as readonly VendorModule[];

export const PROVIDERS: readonly string[] = VENDORS.map((vendor) => vendor.provider);

export function vendorModule(provider: string): VendorModule {
  const found = VENDORS.find((vendor) => vendor.provider === provider);
  if (!found) throw new Error(`no vendor module for provider "${provider}"`);
  return found;
}
