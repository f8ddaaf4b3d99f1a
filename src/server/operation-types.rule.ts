import { GraphQLError, ValidationRule } from 'graphql';

/**
 * Refuses an operation whose type the schema does not have (graphql 16 finds out only when executing, as an
 * untyped error): Callbridge has queries and one mutation (logCall), so a `subscription` is a validation error.
 */
export const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`This API has no ${node.operation} operations: it answers queries only.`, { nodes: [node] }));
  },
});
