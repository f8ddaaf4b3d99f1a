import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { byteBoundedMemo } from '../lib/byte-bounded-memo';
import { TenantScope } from '../history/call-history.service';
import { FEED_REQUESTS_PER_PAGE } from '../history/change-feed.service';
import { TOUCHED_WINDOWS_PER_PAGE } from '../history/vendor-feed-step';
import { RequestContext } from '../schema/request-context';

/** What one GraphQL page may cost each account it reads, besides the detail and directory reads of its rows. */
export interface CostModel {
  /** The scan bound: vendor list pages one account may read for one GraphQL page. */
  readonly maxVendorPagesPerPage: number;
  /** Rows per detail batch (the DataLoader's largest vendor batch). */
  readonly detailBatchSize: number;
}

/** Fields whose value needs a vendor read beyond the listing: legs and recordings (the detail), or the directory. */
const READS_BEYOND_LISTING = new Set(['legs', 'recordings', 'callerStatus', 'calleeStatus', 'extension', 'ringCentralRecord']);

/** Recording fields a vendor may keep apart from its listing, in its recording metadata (one read per recording). */
const RECORDING_METADATA = new Set(['duration', 'contentType']);

type AccountFilter = { providers?: readonly string[] | null; accounts?: readonly string[] | null } | null | undefined;

/** The accounts a `callSessions` field can read for this tenant: its own, narrowed by the filter's providers and accounts. */
function accountsRead(scope: TenantScope, filter: AccountFilter): number {
  return adaptersRead(scope, filter).length;
}

/** Of those, the accounts whose recordings' length and format need a metadata read. */
function accountsDescribingRecordings(scope: TenantScope, filter: AccountFilter): number {
  return adaptersRead(scope, filter).filter((a) => a.describeRecordings !== undefined).length;
}

const adaptersRead = (scope: TenantScope, filter: AccountFilter) =>
  scope.adapters.filter((a) => (!filter?.providers || filter.providers.includes(a.provider)) && (!filter?.accounts || filter.accounts.includes(a.account)));

/**
 * An upper bound on the vendor requests one field can cause, from its arguments and selection:
 * - `callSessions`: per account read, the scan bound of list pages, plus for each field of a row that needs
 *   more than the listing (legs, recordings, statuses, extensions) one read per detail batch of `first` rows;
 * - `callSession`, `node`: one read by id, plus one per such field;
 * - `providers`: one ping per account;
 * - `extensions`: each account's directory, up to the scan bound of pages;
 * - `logCall`: one read by id and one for the session's legs (the CRM's calls are not vendor requests);
 * - a recording's `duration` or `contentType`, on an account that keeps them in recording metadata
 *   (RingCentral): one read per row, however many fields and legs name the recording (they share the read),
 *   counting one recording per session; the request is held to that (RequestLoaders.limitRecordingReads).
 * Aliases and fragments count as often as they appear: each is resolved on its own.
 */
export function vendorCostEstimator(scope: TenantScope, model: CostModel): ComplexityEstimator {
  // Metadata fields met below the root field now measured: graphql-query-complexity measures a field's
  // children before the field, and one root field after another.
  let metadataFields = 0;
  const metadataReads = (filter: AccountFilter, rows: number): number => {
    const reads = metadataFields > 0 ? accountsDescribingRecordings(scope, filter) * rows : 0;
    metadataFields = 0;
    return reads;
  };
  return ({ type, field, args, childComplexity }) => {
    if (type.name === 'Recording' && RECORDING_METADATA.has(field.name)) {
      metadataFields += 1;
      return childComplexity;
    }
    if (type.name === 'Query') {
      if (field.name === 'callSessions') {
        const batches = Math.ceil(firstOf(args) / model.detailBatchSize);
        return accountsRead(scope, args['filter']) * (model.maxVendorPagesPerPage + childComplexity * batches) + metadataReads(args['filter'], firstOf(args));
      }
      if (field.name === 'callSessionChanges') {
        // The session's own fields count under edges.node.session; a page also asks each account's change feed and
        // reads the windows of the sessions it named, each up to the scan bound.
        const batches = Math.ceil(firstOf(args, 100) / model.detailBatchSize);
        return accountsRead(scope, args['filter']) * (model.maxVendorPagesPerPage * (1 + TOUCHED_WINDOWS_PER_PAGE) + FEED_REQUESTS_PER_PAGE + childComplexity * batches) + metadataReads(args['filter'], firstOf(args, 100));
      }
      if (field.name === 'callSession') return 1 + childComplexity + metadataReads(null, 1);
      // node(id) may name a recording, read through its session and the session's legs.
      if (field.name === 'node') return 2 + childComplexity + metadataReads(null, 1);
      if (field.name === 'providers') return scope.adapters.length;
      // Each account's directory, read whole: at most the scan bound of pages each.
      if (field.name === 'extensions') return accountsRead(scope, args['filter']) * model.maxVendorPagesPerPage;
      return childComplexity;
    }
    if (type.name === 'Mutation') return (field.name === 'logCall' ? 2 + childComplexity : childComplexity) + metadataReads(null, 1);
    return (READS_BEYOND_LISTING.has(field.name) ? 1 : 0) + childComplexity;
  };
}

/** A `callSessions` field's `first` or `last` (its default when both are absent). */
const firstOf = (args: Record<string, unknown>, byDefault = 25): number => {
  const size = typeof args['first'] === 'number' ? args['first'] : typeof args['last'] === 'number' ? args['last'] : byDefault;
  return Math.max(1, size);
};

/**
 * An operation's vendor cost and the sessions it can answer (each `callSessions` its `first`, each read by id
 * one), in one pass over the document: the cost estimator counts the rows of the root fields it meets.
 */
function measure(options: Omit<Parameters<typeof getComplexity>[0], 'estimators'>, scope: TenantScope, model: CostModel): { cost: number; rows: number } {
  const cost = vendorCostEstimator(scope, model);
  let rows = 0;
  const counting: ComplexityEstimator = (args) => {
    if (args.type.name === 'Query') rows += args.field.name === 'callSessions' ? firstOf(args.args) : args.field.name === 'callSessionChanges' ? firstOf(args.args, 100) : args.field.name === 'callSession' || args.field.name === 'node' ? 1 : 0;
    return cost(args);
  };
  return { cost: getComplexity({ ...options, estimators: [counting] }), rows };
}

/** What the response's `extensions.cost` reports. */
export interface OperationCost {
  readonly estimatedVendorRequests: number;
  readonly maxVendorRequests: number;
}

const costs = new WeakMap<object, OperationCost>();

/**
 * Measures already made, by document, operation, tenant and variables: clients send the same few operations
 * over and over (a list view's page, its next page), and walking the document with TypeInfo cost more than
 * resolving a warm page's root field. Apollo keeps one parsed document per query text, so its identity names
 * the text. Bounded in bytes like every cache.
 */
function measures(model: CostModel) {
  const measured = byteBoundedMemo<{ cost: number; rows: number }>(2 * 1024 * 1024);
  const documentIds = new WeakMap<object, number>();
  let nextDocumentId = 0;
  return (options: Omit<Parameters<typeof getComplexity>[0], 'estimators'>, scope: TenantScope): { cost: number; rows: number } => {
    let id = documentIds.get(options.query);
    if (id === undefined) documentIds.set(options.query, (id = nextDocumentId++));
    return measured(`${id}|${options.operationName ?? ''}|${scope.tenant}|${JSON.stringify(options.variables ?? {})}`, () => measure(options, scope, model));
  };
}

/**
 * Refuses, before anything runs, an operation whose estimated vendor requests exceed `maxCost`, with
 * QUERY_TOO_EXPENSIVE stating both figures; every answered operation reports its estimate in `extensions.cost`.
 */
export function queryCostPlugin(model: CostModel, maxCost: number, maxRows: number): ApolloServerPlugin<RequestContext> {
  const measureOnce = measures(model);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, contextValue }) {
          let estimate: number;
          let rows: number;
          try {
            const query = { schema, query: document, ...(request.operationName ? { operationName: request.operationName } : {}), variables: request.variables ?? {} };
            ({ cost: estimate, rows } = measureOnce(query, contextValue.scope));
          } catch (error) {
            // Variables the operation cannot take (an argument given as null, a wrong type): the client's mistake.
            const message = error instanceof GraphQLError ? error.message : 'The variables do not fit the operation.';
            const argumentName = /^Argument "([^"]+)"/.exec(message)?.[1];
            throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argumentName } : {}), http: { status: 400 } } });
          }
          const cost = { estimatedVendorRequests: estimate, maxVendorRequests: maxCost };
          costs.set(contextValue, cost);
          // The estimate counts one recording read per row: the request may not read more.
          contextValue.loaders.limitRecordingReads(rows);
          // The answer's size is bounded through its rows: a session with its legs and recordings is a few KB.
          if (rows > maxRows) {
            throw new GraphQLError(`The operation could answer up to ${rows} call sessions; the limit is ${maxRows}. Ask for fewer aliases or rows, and page through the results.`, {
              extensions: { code: 'QUERY_TOO_EXPENSIVE', cost: { ...cost, rows, maxRows }, http: { status: 400 } },
            });
          }
          if (estimate > maxCost) {
            throw new GraphQLError(
              `The operation could cause up to ${estimate} vendor requests; the limit is ${maxCost}. Ask for fewer aliases, fewer rows or fewer nested fields, or page through the results.`,
              { extensions: { code: 'QUERY_TOO_EXPENSIVE', cost, http: { status: 400 } } },
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          const cost = costs.get(contextValue);
          if (cost && response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost };
          }
        },
      };
    },
  };
}
