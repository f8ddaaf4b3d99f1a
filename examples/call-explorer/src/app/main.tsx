import { ApolloProvider } from '@apollo/client';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClient } from './apollo';

const client = createClient();
createRoot(document.getElementById('root')!).render(
  <ApolloProvider client={client}>
    <App />
  </ApolloProvider>,
);
