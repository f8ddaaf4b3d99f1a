import { ApolloServerPlugin } from '@apollo/server';
import { Metrics } from '../observability/metrics';
import { RequestContext } from '../schema/request-context';
import { logEvent } from '../lib/logger';

/**
 * Each GraphQL operation, once answered: counted in the metrics by name and outcome (OK, or its first error's
 * code) with its duration, and logged as one line with its request id and the upstream calls it made.
 * (A request refused before it became an operation is counted and logged where it is refused.)
 */
export function observabilityPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName, contextValue }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = errors && errors.length > 0 ? String(errors[0]!.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR') : 'OK';
          // Names come from the client: keep them to a safe, bounded shape so labels cannot explode.
          const name = (operationName ?? request.operationName ?? 'anonymous').replace(/[^A-Za-z0-9_]/g, '').slice(0, 64) || 'anonymous';
          const durationMs = performance.now() - started;
          metrics.operation(name, code, durationMs / 1000);
          const operation = contextValue.operation;
          logEvent(code === 'OK' ? 'info' : 'warn', 'graphql.operation', {
            requestId: operation?.requestId ?? null,
            operation: name,
            code,
            durationMs: Math.round(durationMs),
            upstreamCalls: operation?.upstreamCalls ?? 0,
          });
        },
      };
    },
  };
}
