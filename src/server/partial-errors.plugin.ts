import { ApolloServerPlugin } from '@apollo/server';
import { RequestContext } from '../schema/request-context';
import { formatAppError } from './format-error';

/** Adds the errors of partial results (missing vendors) beside the data they concern. */
export function partialErrorsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (contextValue.partialErrors.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.errors = [...(result.errors ?? []), ...contextValue.partialErrors.map(({ error, path }) => formatAppError(error, path))];
        },
      };
    },
  };
}
