import { ApolloServerPlugin } from '@apollo/server';
import { Metrics } from '../observability/metrics';
import { currentOperation } from '../observability/operation-scope';
import { RequestContext } from '../schema/request-context';
import { logEvent } from './logger';

/**
 * Each GraphQL operation, once answered: counted in the metrics by name and outcome (OK, or its first error's
 * code) with its duration, and logged as one line with its request id and the upstream calls it made.
 * A request refused before it became an operation (an unknown API key) is counted and logged too.
 */
export function observabilityPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async contextCreationDidFail({ error }) {
      const code = String((error as { extensions?: Record<string, unknown> }).extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR');
      metrics.operation('refused', code, 0);
      logEvent('warn', 'graphql.refused', { requestId: currentOperation()?.requestId ?? null, code, upstreamCalls: 0 });
    },
    async requestDidStart({ request }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = errors && errors.length > 0 ? String(errors[0]!.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR') : 'OK';
          // Names come from the client: keep them to a safe, bounded shape so labels cannot explode.
          const name = (operationName ?? request.operationName ?? 'anonymous').replace(/[^A-Za-z0-9_]/g, '').slice(0, 64) || 'anonymous';
          const durationMs = performance.now() - started;
          metrics.operation(name, code, durationMs / 1000);
          const scope = currentOperation();
          logEvent(code === 'OK' ? 'info' : 'warn', 'graphql.operation', {
            requestId: scope?.requestId ?? null,
            operation: name,
            code,
            durationMs: Math.round(durationMs),
            upstreamCalls: scope?.upstreamCalls ?? 0,
          });
        },
      };
    },
  };
}
