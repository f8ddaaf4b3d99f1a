import { ApolloServerPlugin } from '@apollo/server';
import { Metrics } from '../observability/metrics';
import { RequestContext } from '../schema/request-context';
import { logEvent } from '../lib/logger';
import { AppError, CrmUnavailableError, RateLimitedError, UpstreamUnavailableError } from '../domain/errors';

/** What the log line says of a vendor or CRM that failed the operation: who, and why in safe words. */
function failuresOf(errors: readonly unknown[]): Array<Record<string, unknown>> {
  return errors.flatMap((error): Array<Record<string, unknown>> => {
    if (error instanceof UpstreamUnavailableError) return error.accounts.map((a) => ({ provider: a.provider, account: a.account, code: error.code, reason: error.reason }));
    if (error instanceof CrmUnavailableError) return [{ connector: error.connector, code: error.code, reason: error.message }];
    if (error instanceof RateLimitedError) return [{ code: error.code, reason: error.message, retryAfter: error.retryAfter }];
    return [];
  });
}

/** Distinct operation names the metrics keep apart; later ones are "other". */
const MAX_OPERATION_NAMES = 200;

/**
 * Each GraphQL operation, once answered: counted in the metrics by name and outcome (OK, or its first error's
 * code) with its duration, and logged as one line with its request id, tenant and the upstream calls it made,
 * and, for each vendor account or CRM that failed it, the account and a safe reason.
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
      const failed: unknown[] = [];
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) if (error.originalError instanceof AppError) failed.push(error.originalError);
        },
        async willSendResponse({ response, operation: resolved, contextValue }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = errors && errors.length > 0 ? String(errors[0]!.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR') : 'OK';
          const name = labelOf(resolved?.name?.value);
          const durationMs = performance.now() - started;
          metrics.operation(name, code, durationMs / 1000);
          const operation = contextValue.operation;
          // A vendor that failed a partial page is not an error of the operation: it is reported beside the data.
          const failures = failuresOf([...failed, ...(contextValue.partialErrors ?? []).map((p) => p.error)]);
          logEvent(code === 'OK' && failures.length === 0 ? 'info' : 'warn', 'graphql.operation', {
            requestId: operation?.requestId ?? null,
            tenant: contextValue.scope?.tenant ?? null,
            operation: name,
            code,
            durationMs: Math.round(durationMs),
            upstreamCalls: operation?.upstreamCalls ?? 0,
            ...(failures.length > 0 ? { failures } : {}),
          });
        },
      };
    },
  };
}
