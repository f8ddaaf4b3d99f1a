import { ApolloClient, HttpLink, InMemoryCache, from } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';
import { relayStylePagination } from '@apollo/client/utilities';

const KEY_STORAGE = 'callbridge-explorer-api-key';

export const savedKey = (): string => window.localStorage.getItem(KEY_STORAGE) ?? '';
export const saveKey = (key: string): void => (key ? window.localStorage.setItem(KEY_STORAGE, key) : window.localStorage.removeItem(KEY_STORAGE));

/**
 * Apollo Client against this origin's /graphql. `relayStylePagination` merges the pages of one list: every
 * `fetchMore({ after })` appends its edges to those the cache holds for the same filter (the field's key
 * arguments), so the list grows as it scrolls and a filter change starts a list of its own.
 */
export function createClient(): ApolloClient<unknown> {
  const auth = setContext((_operation, { headers }) => {
    const key = savedKey();
    return { headers: { ...headers, ...(key ? { authorization: `Bearer ${key}` } : {}) } };
  });
  return new ApolloClient({
    link: from([auth, new HttpLink({ uri: `${window.location.origin}/graphql` })]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            callSessions: relayStylePagination(['filter', 'orderBy']),
            extensions: relayStylePagination(['filter']),
          },
        },
      },
    }),
  });
}
