import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { Metrics } from '../observability/metrics';
import { buildCallbridgeSchema } from '../schema/build-schema';
import { RequestContext } from '../schema/request-context';
import { formatError } from './format-error';
import { observabilityPlugin } from './observability.plugin';
import { partialErrorsPlugin } from './partial-errors.plugin';

/**
 * The Apollo server over the compiled schema, with the plugins every deployment has: the HTTP server adds
 * its own (drain, no landing page); the in-process test tier runs it as it is.
 */
export async function createGraphQLServer(metrics: Metrics, plugins: ReadonlyArray<ApolloServerPlugin<RequestContext>> = []): Promise<ApolloServer<RequestContext>> {
  return new ApolloServer<RequestContext>({
    schema: await buildCallbridgeSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    // Auth is a bearer header, never a cookie, and there are no mutations: a cross-site request can
    // neither act as a user nor read the answer, so plain GET queries (curl, <a href>) are allowed.
    csrfPrevention: false,
    plugins: [...plugins, partialErrorsPlugin(), observabilityPlugin(metrics)],
  });
}
