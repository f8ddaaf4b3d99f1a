import { pipeline } from 'node:stream/promises';
import { Request, Response, Router } from 'express';
import { findAdapter } from '../history/call-history.service';
import { RecordingLinks } from '../recordings/recording-links';
import { logEvent } from '../lib/logger';
import { TenantDirectory } from '../app/tenant-directory';
import { operationOf } from './request-operation';

/**
 * GET /recordings/<token>: streams a recording from its vendor through the adapter, passing Range on,
 * never holding a whole file. The signed token is the authorization (an <audio> tag sends no header).
 */
export function recordingRoute(links: RecordingLinks, tenants: TenantDirectory): Router {
  const router = Router();
  router.get('/recordings/:token', async (req: Request<{ token: string }>, res: Response) => {
    const grant = links.verify(req.params.token);
    if (grant === null) return void res.status(403).json({ error: 'FORBIDDEN', message: 'This recording link is not valid.' });
    if (grant === 'expired') return void res.status(410).json({ error: 'GONE', message: 'This recording link has expired; ask for the recording again.' });
    const scope = tenants.tenant(grant.tenant);
    const adapter = scope ? findAdapter(scope, grant.provider, grant.account) : undefined;
    if (!adapter) return void res.status(403).json({ error: 'FORBIDDEN', message: 'This recording link is not valid.' });
    // The stream may outlast the request's deadline (a long recording): only the client going away ends it.
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    try {
      const content = await adapter.openRecording(grant.nativeId, req.headers.range, { ...operationOf(res).caller, signal: abort.signal });
      if (!content) return void res.status(404).json({ error: 'NOT_FOUND', message: 'The vendor no longer has this recording.' });
      res.status(content.status).set({ ...content.headers, 'content-type': content.contentType, 'cache-control': 'private, max-age=300' });
      await pipeline(content.body, res);
    } catch (error) {
      logEvent('warn', 'recording.stream_failed', { provider: grant.provider, account: grant.account, message: (error as Error).message?.slice(0, 200) });
      if (!res.headersSent) res.status(502).json({ error: 'UPSTREAM_UNAVAILABLE', message: 'The vendor could not deliver the recording.' });
      else res.destroy();
    }
  });
  return router;
}
