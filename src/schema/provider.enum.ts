import { registerEnumType } from 'type-graphql';
import { VENDORS } from '../vendors/registry';

/** The GraphQL `Provider` enum, one value per vendor module in the registry (its id as the value). */
export const ProviderEnum: Record<string, string> = Object.fromEntries(VENDORS.map((vendor) => [vendor.provider, vendor.provider]));

registerEnumType(ProviderEnum, {
  name: 'Provider',
  description: 'A telephony vendor Callbridge reads call history from.',
  valuesConfig: Object.fromEntries(VENDORS.map((vendor) => [vendor.provider, { description: vendor.description }])),
});
