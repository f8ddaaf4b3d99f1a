import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

/** Where `npm run build` puts the sample call explorer (scripts/build-explorer.js), beside the compiled server. */
export const EXPLORER_DIR = join(__dirname, '..', '..', 'call-explorer');

/**
 * The sample call explorer (examples/call-explorer), served from this origin so it needs no CORS and its
 * recording links play in place: its page, script and styles only, under the same content security policy.
 */
export function callExplorer(dir = EXPLORER_DIR): Router {
  const router = Router();
  router.get('/', (req, res, next) => {
    // "/explorer" without its slash: the page's relative script and styles need it.
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return void res.redirect(301, `${req.baseUrl}/`);
    next();
  });
  if (!existsSync(join(dir, 'app.js'))) {
    router.use((_req, res) => void res.status(404).type('text/plain').send('The call explorer is not built: run `npm run build`.\n'));
    return router;
  }
  router.use(express.static(dir, { index: 'index.html', fallthrough: false, setHeaders: (res) => res.setHeader('cache-control', 'no-cache') }));
  return router;
}
