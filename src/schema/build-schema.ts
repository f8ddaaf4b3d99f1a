import 'reflect-metadata';
import './enums.registration';
import './provider.enum';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CallSessionResolver } from './call-session.resolver';
import { CallLegResolver, ExtensionResolver, NodeResolver, PartyResolver, RecordingResolver } from './nested.resolvers';
import { validateArgs } from './validate-args';

/** The one schema production serves and tests execute. */
export async function buildCallbridgeSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [CallSessionResolver, PartyResolver, CallLegResolver, RecordingResolver, ExtensionResolver, NodeResolver],
    validateFn: validateArgs,
  });
  // type-graphql has no option for the root type's description.
  schema.getQueryType()!.description = 'Call history from every configured telephony vendor, behind one schema.';
  return schema;
}

/** The committed schema.graphql text: sorted, so it only changes when the schema does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
