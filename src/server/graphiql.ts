import { dirname, join } from 'node:path';
import { Router } from 'express';

/** The example preloaded in the playground. */
export const EXAMPLE_QUERY = `# Callbridge: every vendor's call history
# in one connection. Run it with the ▶ button.
# A server that needs an API key takes it in
# the Headers tab below:
#   {"Authorization": "Bearer <api key>"}
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
        recordings { id url }
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
export function graphiqlAssets(requiresKey: boolean): Router {
  const router = Router();
  router.get('/page.css', (_req, res) =>
    void res
      .type('text/css')
      .send('html, body { height: 100%; margin: 0; } body { display: flex; flex-direction: column; } #graphiql { flex: 1; min-height: 0; }\n#key-hint { padding: 8px 16px; background: #fff7d6; border-bottom: 1px solid #e6c75c; font: 14px system-ui, sans-serif; color: #3d3000; }\n'),
  );
  router.get('/start.js', (_req, res) => void res.type('text/javascript').set('cache-control', 'no-cache').send(startScript(requiresKey)));
  for (const [name, asset] of Object.entries(ASSETS)) {
    const path = join(dirname(require.resolve(asset.module)), asset.file);
    router.get(`/${name}`, (_req, res) => {
      res.type(asset.type).set('cache-control', 'public, max-age=86400');
      res.sendFile(path);
    });
  }
  return router;
}

/** The Headers tab's text when a key is required: the header to fill in. */
export const KEY_HEADERS = '{\n  "Authorization": "Bearer <your api key>"\n}';

function startScript(requiresKey: boolean): string {
  // With a key required, the Headers tab opens with the header to fill in (kept in the browser once edited), and
  // the hint above the editor says what to do: until then the schema cannot be read ("Error fetching schema").
  const headers = requiresKey ? `, defaultHeaders: ${JSON.stringify(KEY_HEADERS)}, shouldPersistHeaders: true, defaultEditorToolsVisibility: 'headers'` : ', defaultEditorToolsVisibility: true';
  return `const fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(EXAMPLE_QUERY)}${headers} })
);
`;
}

/** The hint shown above the playground when requests need an API key. */
export const KEY_HINT =
  'This server needs an API key. Put it in the Headers tab below ("Authorization": "Bearer <your api key>"), then reload the schema with the ⟳ button of the Docs panel (or reload the page).';

export function graphiqlPage(requiresKey: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Callbridge playground</title>
  <link rel="icon" href="/favicon.ico" />
  <link rel="stylesheet" href="/graphiql-assets/graphiql.css" />
  <link rel="stylesheet" href="/graphiql-assets/page.css" />
</head>
<body>
${requiresKey ? `  <div id="key-hint" role="note">${KEY_HINT.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</div>\n` : ''}  <div id="graphiql">Loading the playground…</div>
  <script src="/graphiql-assets/react.js"></script>
  <script src="/graphiql-assets/react-dom.js"></script>
  <script src="/graphiql-assets/graphiql.js"></script>
  <script src="/graphiql-assets/start.js"></script>
</body>
</html>`;
}
