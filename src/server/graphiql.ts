import { dirname, join } from 'node:path';
import { Router } from 'express';

/** The example preloaded in the playground. */
export const EXAMPLE_QUERY = `# Callbridge: every vendor's call history in one connection.
# In the sandbox no key is needed; elsewhere add a header: {"Authorization": "Bearer <api key>"}
query RecentCalls($after: String) {
  callSessions(first: 10, after: $after, filter: { results: [ANSWERED, MISSED] }) {
    edges {
      node {
        id
        provider
        startTime
        direction
        result
        vendorResult
        duration
        from { phoneNumber rawNumber name }
        to { phoneNumber rawNumber name }
        extension { name extensionNumber }
        callerStatus
        calleeStatus
        recordings { contentType duration url }
      }
    }
    pageInfo { hasNextPage endCursor }
    missingProviders { provider account }
  }
}
`;

const ASSETS: Record<string, { module: string; file: string; type: string }> = {
  'react.js': { module: 'react/package.json', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { module: 'react-dom/package.json', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { module: 'graphiql/package.json', file: 'dist/index.umd.js', type: 'text/javascript' },
  'graphiql.css': { module: 'graphiql/package.json', file: 'dist/style.css', type: 'text/css' },
};

/**
 * Serves GraphiQL's files from node_modules, and the script that starts it: the playground works offline, with
 * no CDN, and with no inline script (the content security policy allows scripts from this origin only).
 */
export function graphiqlAssets(): Router {
  const router = Router();
  router.get('/page.css', (_req, res) => void res.type('text/css').send('html, body, #graphiql { height: 100%; margin: 0; }\n'));
  router.get('/start.js', (_req, res) => void res.type('text/javascript').set('cache-control', 'no-cache').send(startScript()));
  for (const [name, asset] of Object.entries(ASSETS)) {
    const path = join(dirname(require.resolve(asset.module)), asset.file);
    router.get(`/${name}`, (_req, res) => {
      res.type(asset.type).set('cache-control', 'public, max-age=86400');
      res.sendFile(path);
    });
  }
  return router;
}

function startScript(): string {
  return `const fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(EXAMPLE_QUERY)}, defaultEditorToolsVisibility: true })
);
`;
}

export function graphiqlPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Callbridge playground</title>
  <link rel="stylesheet" href="/graphiql-assets/graphiql.css" />
  <link rel="stylesheet" href="/graphiql-assets/page.css" />
</head>
<body>
  <div id="graphiql">Loading the playground…</div>
  <script src="/graphiql-assets/react.js"></script>
  <script src="/graphiql-assets/react-dom.js"></script>
  <script src="/graphiql-assets/graphiql.js"></script>
  <script src="/graphiql-assets/start.js"></script>
</body>
</html>`;
}
