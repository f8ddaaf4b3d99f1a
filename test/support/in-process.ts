import { defaultRequestLimits } from '../../src/config/config.schema';
import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { RequestLoaders } from '../../src/history/request-loaders';
import { Signer } from '../../src/lib/signer';
import { Metrics } from '../../src/observability/metrics';
import { ExtensionDirectoryService } from '../../src/history/extension-directory.service';
import { RecordingLinks } from '../../src/recordings/recording-links';
import { RequestContext } from '../../src/schema/request-context';
import { createGraphQLServer } from '../../src/server/graphql-server';
import { AccountStatuses } from '../../src/upstream/account-statuses';
import { VendorAdapter } from '../../src/vendors/adapter';
import { TEST_SECRET, makeChangeFeed, makeService } from './engine-harness';
import { testCaller } from './upstream';

export interface InProcessResult<T> {
  readonly data?: T | null;
  readonly errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
}

/**
 * The fast tier: the compiled schema and Apollo's plugins, run with executeOperation over test twins
 * (no HTTP, no simulators). Each operation gets a fresh request context, as an HTTP request would.
 */
export async function inProcessGraphQL(adapters: readonly VendorAdapter[], now = Date.now()) {
  const statuses = new AccountStatuses({ failureThreshold: 5, halfOpenAfterMs: 1000 });
  const apollo = await createGraphQLServer(new Metrics({ states: () => [] }), { limits: defaultRequestLimits(), paging: { maxVendorPagesPerPage: 10, cursorMaxAgeHours: 24, windowEndSeconds: 1 } });
  await apollo.start();
  const history = makeService(now);
  const changes = makeChangeFeed(history, () => now);
  const recordingLinks = new RecordingLinks(new Signer(TEST_SECRET), 3600, () => now);
  return {
    async execute<T, V>(document: TypedDocumentNode<T, V>, variables?: V): Promise<InProcessResult<T>> {
      const scope = { tenant: 't1', adapters };
      const caller = testCaller();
      const contextValue: RequestContext = {
        scope,
        history,
        changes,
        extensions: new ExtensionDirectoryService(new Signer(TEST_SECRET)),
        loaders: new RequestLoaders(scope, caller),
        recordingLinks,
        statuses,
        crm: null,
        baseUrl: 'http://callbridge.test',
        caller,
        operation: { requestId: 'in-process', upstreamCalls: 0 },
        partialErrors: [],
      };
      const response = await apollo.executeOperation<T>({ query: print(document), variables: variables as Record<string, unknown> }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('an incremental answer');
      // Plain objects, as a client would see them after JSON (graphql-js builds null-prototype ones).
      return JSON.parse(JSON.stringify(response.body.singleResult)) as InProcessResult<T>;
    },
    stop: () => apollo.stop(),
  };
}
