import 'reflect-metadata';
import './enums.registration';
import './provider.enum';
import { GraphQLFieldResolver, GraphQLSchema, isObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CallSessionResolver } from './call-session.resolver';
import { CallSessionChangesResolver } from './call-session-changes.resolver';
import { computedFields } from './field-resolvers';
import { NodeResolver } from './nested.resolvers';
import { LogCallResolver } from './log-call.resolver';
import { ExtensionsResolver } from './extensions.resolver';
import { validateArgs } from './validate-args';

/** The one schema production serves and tests execute. */
export async function buildCallbridgeSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [CallSessionResolver, CallSessionChangesResolver, NodeResolver, LogCallResolver, ExtensionsResolver],
    validateFn: validateArgs,
  });
  // type-graphql has no option for the root type's description.
  schema.getQueryType()!.description = 'Call history from every configured telephony vendor, behind one schema.';
  schema.getMutationType()!.description = 'Logging calls into CRMs (App Connect connectors): the only writes, and they write to the CRM, never to a vendor.';
  return attachPlainResolvers(schema, computedFields);
}

/**
 * Every field of every object type but Query gets a plain resolver: type-graphql gives each property a
 * wrapper that runs the field's middlewares (Callbridge has none) and would call the computed fields through
 * its parameter runner. Properties get graphql-js's default resolver; computed fields the functions given.
 * A computed field the schema does not have is a mistake, and stops the build.
 */
export function attachPlainResolvers(schema: GraphQLSchema, computed: typeof computedFields): GraphQLSchema {
  for (const [typeName, fields] of Object.entries(computed)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`computed fields name ${typeName}, which is not an object type of the schema`);
    for (const name of Object.keys(fields)) if (!type.getFields()[name]) throw new Error(`computed field ${typeName}.${name} is not in the schema`);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type === schema.getQueryType() || type === schema.getMutationType() || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) field.resolve = computed[type.name]?.[field.name] as GraphQLFieldResolver<unknown, unknown> | undefined;
  }
  return schema;
}

/** The committed schema.graphql text: sorted, so it only changes when the schema does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
