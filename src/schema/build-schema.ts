import 'reflect-metadata';
import './enums.registration';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CallSessionResolver } from './call-session.resolver';
import { CallLegResolver, ExtensionResolver, NodeResolver, PartyResolver, RecordingResolver } from './nested.resolvers';
import { validateArgs } from './validate-args';

/** The one schema production serves and tests execute. */
export async function buildCallbridgeSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [CallSessionResolver, PartyResolver, CallLegResolver, RecordingResolver, ExtensionResolver, NodeResolver],
    validateFn: validateArgs,
  });
}

/** The committed schema.graphql text: sorted, so it only changes when the schema does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
