import { z } from 'zod';
import { RateLimits, RatePlan } from '../upstream/rate-budget';
import { UpstreamSettings } from '../upstream/policy-stack';
import { VendorAdapter } from './adapter';

/** What every configured account has, whatever its vendor (config/config.schema.ts adds these to the vendor's own settings). */
export interface AccountBasics {
  readonly key: string;
  readonly provider: string;
  /** ISO country for numbers the vendor sends without a country code. */
  readonly defaultCountry?: string;
  /** Limits by rate group, replacing the vendor's documented defaults group by group. */
  readonly rateLimits?: RateLimits;
}

/**
 * Everything Callbridge knows of one vendor, exported by its folder as `module.ts` and listed once in
 * vendors/registry.ts: the config schema, the account wiring, the Provider enum and its descriptions all
 * come from here.
 */
export interface VendorModule<Settings extends z.ZodRawShape = z.ZodRawShape> {
  /** The provider id (the GraphQL `Provider` value), upper case. */
  readonly provider: string;
  /** The Provider enum value's description. */
  readonly description: string;
  /** The account settings this vendor takes beyond AccountBasics (credentials, hosts, ...), as a zod shape. */
  readonly accountSettings: Settings;
  /** The vendor's rate groups and their documented limits. */
  readonly ratePlan: RatePlan;
  createAdapter(account: AccountBasics & z.infer<z.ZodObject<Settings>>, upstream: UpstreamSettings): VendorAdapter;
}

/** Declares a vendor module with its settings' types checked against its adapter factory. */
export function defineVendor<Settings extends z.ZodRawShape>(module: VendorModule<Settings>): VendorModule<Settings> {
  return module;
}

/** A credential a vendor needs: a non-empty string, with an error that names the vendor. */
export const requiredCredential = (provider: string) => z.string({ error: `is required for a live ${provider} account` }).min(1, `is required for a live ${provider} account`);

/** A vendor's credentials block: a missing block reports each missing credential by name, like a partial one. */
export const credentialsOf = <Shape extends z.ZodRawShape>(shape: Shape) => z.object(shape).strict().prefault({} as never);
