import { ApolloServerPlugin } from '@apollo/server';
import { Metrics } from '../observability/metrics';
import { RequestContext } from '../schema/request-context';

/** Counts each GraphQL operation by name and outcome (OK, or its first error's code), with its duration. */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = errors && errors.length > 0 ? String(errors[0]!.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR') : 'OK';
          // Names come from the client: keep them to a safe, bounded shape so labels cannot explode.
          const name = (operationName ?? request.operationName ?? 'anonymous').replace(/[^A-Za-z0-9_]/g, '').slice(0, 64) || 'anonymous';
          metrics.operation(name, code, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
