import { PROVIDERS } from '../../src/vendors/registry';
import { Provider as GraphQLProvider } from '../generated/graphql';

/**
 * The registry's provider ids by name (`Provider.TELPHIN`), for tests that make sessions of a vendor or
 * filter by one; typed as the schema's Provider values, which the registry makes.
 */
export const Provider: Readonly<Record<string, GraphQLProvider>> = Object.fromEntries(PROVIDERS.map((id) => [id, id as GraphQLProvider]));
export type Provider = GraphQLProvider;
