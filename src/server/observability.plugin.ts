import { ApolloServerPlugin } from '@apollo/server';
import { Metrics } from '../observability/metrics';
import { RequestContext } from '../schema/request-context';
import { logEvent } from '../lib/logger';

/** Distinct operation names the metrics keep apart; later ones are "other". */
const MAX_OPERATION_NAMES = 200;

/**
 * Each GraphQL operation, once answered: counted in the metrics by name and outcome (OK, or its first error's
 * code) with its duration, and logged as one line with its request id and the upstream calls it made.
 * (A request refused before it became an operation is counted and logged where it is refused.)
 */
export function observabilityPlugin(metrics: Metrics, maxNames = MAX_OPERATION_NAMES): ApolloServerPlugin<RequestContext> {
  const names = new Set<string>();
  /**
   * Names come from the client: only the name of an operation that parsed and resolved is used (never the
   * request's `operationName` field), and past `maxNames` distinct ones, new names count as "other", so the
   * metrics' label cardinality is bounded.
   */
  const labelOf = (resolved: string | undefined | null): string => {
    if (!resolved) return 'anonymous';
    const name = resolved.replace(/[^A-Za-z0-9_]/g, '').slice(0, 64) || 'anonymous';
    if (names.has(name)) return name;
    if (names.size >= maxNames) return 'other';
    names.add(name);
    return name;
  };
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, operation: resolved, contextValue }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = errors && errors.length > 0 ? String(errors[0]!.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR') : 'OK';
          const name = labelOf(resolved?.name?.value);
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
