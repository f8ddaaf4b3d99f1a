import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { CallbridgeConfig } from '../config/config.schema';
import { Metrics } from '../observability/metrics';
import { buildCallbridgeSchema } from '../schema/build-schema';
import { RequestContext } from '../schema/request-context';
import { EdgeProfile } from './edge';
import { formatError } from './format-error';
import { observabilityPlugin } from './observability.plugin';
import { knownOperationTypes } from './operation-types.rule';
import { partialErrorsPlugin } from './partial-errors.plugin';
import { queryCostPlugin } from './query-cost';

/** The smallest vendor batch of a detail read (RingCentral's bulk reads, Telphin's pages): the cost model's unit. */
const DETAIL_BATCH = 50;

/**
 * The Apollo server over the compiled schema, with the plugins every deployment has: the HTTP server adds
 * its own (drain, no landing page); the in-process test tier runs it as it is.
 *
 * Every document is checked before it runs: its tokens (graphql-js), depth, aliases and directives (graphql-armor), its
 * operation type (the schema has queries only), and its estimated vendor requests (query-cost.ts). Field
 * suggestions ("Did you mean ...?") are masked, so the schema cannot be read through typos.
 */
export async function createGraphQLServer(
  metrics: Metrics,
  config: Pick<CallbridgeConfig, 'limits' | 'paging'>,
  plugins: ReadonlyArray<ApolloServerPlugin<RequestContext>> = [],
  profile: Pick<EdgeProfile, 'introspection' | 'fieldSuggestions'> = { introspection: true, fieldSuggestions: false },
): Promise<ApolloServer<RequestContext>> {
  const { limits } = config;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    // graphql-js counts tokens itself while parsing (parseOptions below): armor's version parses the
    // document a second time and answers a syntax error with a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    blockFieldSuggestion: { enabled: !profile.fieldSuggestions },
    // The vendor cost below replaces armor's generic one.
    costLimit: { enabled: false },
  }).protect();
  return new ApolloServer<RequestContext>({
    schema: await buildCallbridgeSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: limits.maxTokens },
    introspection: profile.introspection,
    // A cross-site "simple" request (a form, an <img>) is refused before it runs: even without cookies it
    // would spend vendor requests wherever an anonymous tenant exists. Browsers and curl send JSON or a header.
    csrfPrevention: true,
    validationRules: [knownOperationTypes, ...armor.validationRules],
    plugins: [
      // Apollo installs its cache-control plugin unless told not to: it hooks every field of every answer
      // (the warm page's profile: 21% in per-field instrumentation) to compute a Cache-Control header that
      // Callbridge never sends (answers are per tenant, and POST).
      ApolloServerPluginCacheControlDisabled(),
      ...plugins,
      ...(armor.plugins as Array<ApolloServerPlugin<RequestContext>>),
      queryCostPlugin({ maxVendorPagesPerPage: config.paging.maxVendorPagesPerPage, detailBatchSize: DETAIL_BATCH }, limits.maxQueryCost, limits.maxRowsPerOperation),
      partialErrorsPlugin(),
      observabilityPlugin(metrics),
    ],
  });
}
