import { pipeline } from 'node:stream/promises';
import { Request, Response, Router } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { findAdapter } from '../history/call-history.service';
import { RecordingLinks } from '../recordings/recording-links';
import { RecordingCache } from '../recordings/recording-cache';
import { logEvent } from '../lib/logger';
import { serveByteRange } from '../lib/byte-range';
import { TenantDirectory } from '../app/tenant-directory';
import { operationOf } from './request-operation';
import { sendHttpError } from './http-errors';

export interface RecordingRouteSettings {
  readonly cache: RecordingCache;
  /** Requests one link may make in any minute: a link needs no key and can be replayed until it expires. */
  readonly requestsPerLinkPerMinute: number;
}

/** How long one vendor download may take: it is shared by every request for the recording, whoever leaves. */
const DOWNLOAD_MS = 60_000;

/**
 * GET (and HEAD) /recordings/<token>. The signed token is the authorization (an <audio> tag sends no header).
 * A recording is downloaded from its vendor once and kept (RecordingCache, bounded in bytes): every Range
 * request and HEAD is answered from it, a 416 with `Content-Range: bytes *\/size`. A recording too large to
 * keep is streamed from the vendor with the client's Range passed on.
 */
export function recordingRoute(links: RecordingLinks, tenants: TenantDirectory, settings: RecordingRouteSettings): Router {
  const router = Router();
  const perLink = new RateLimiterMemory({ points: settings.requestsPerLinkPerMinute, duration: 60 });
  router.get('/recordings/:token', async (req: Request<{ token: string }>, res: Response) => {
    const grant = links.verify(req.params.token);
    if (grant === null) return sendHttpError(res, 403, 'FORBIDDEN', 'This recording link is not valid.');
    if (grant === 'expired') return sendHttpError(res, 410, 'GONE', 'This recording link has expired; ask for the recording again.');
    const scope = tenants.tenant(grant.tenant);
    const adapter = scope ? findAdapter(scope, grant.provider, grant.account) : undefined;
    if (!adapter) return sendHttpError(res, 403, 'FORBIDDEN', 'This recording link is not valid.');
    try {
      await perLink.consume(req.params.token);
    } catch (refusal) {
      const seconds = Math.max(1, Math.ceil((refusal as RateLimiterRes).msBeforeNext / 1000));
      res.set('Retry-After', String(seconds));
      return sendHttpError(res, 429, 'RATE_LIMITED', `This link was asked for too often (at most ${settings.requestsPerLinkPerMinute} a minute); retry in ${seconds} s.`, { retryAfter: seconds });
    }
    const caller = { ...operationOf(res).caller, signal: AbortSignal.timeout(DOWNLOAD_MS), deadline: Date.now() + DOWNLOAD_MS };
    try {
      const kept = await settings.cache.get(`${grant.provider}/${grant.account}/${grant.nativeId}`, () => adapter.openRecording(grant.nativeId, undefined, caller));
      if (kept === 'not-found') return sendHttpError(res, 404, 'NOT_FOUND', 'The vendor no longer has this recording.');
      if (kept === 'too-large') return await streamFromVendor(adapter, grant.nativeId, req, res);
      const range = serveByteRange(kept.bytes.length, req.headers.range);
      res.status(range.status).set({ ...range.headers, 'accept-ranges': 'bytes', 'content-type': kept.contentType, 'cache-control': 'private, max-age=300' });
      res.end(range.status === 416 || req.method === 'HEAD' ? undefined : kept.bytes.subarray(range.start, range.end + 1));
    } catch (error) {
      logEvent('warn', 'recording.stream_failed', { provider: grant.provider, account: grant.account, message: (error as Error).message?.slice(0, 200) });
      if (!res.headersSent) sendHttpError(res, 502, 'UPSTREAM_UNAVAILABLE', 'The vendor could not deliver the recording.');
      else res.destroy();
    }
  });
  return router;
}

/** A recording too large to keep: streamed from the vendor, Range passed on; only the client leaving ends it. */
async function streamFromVendor(adapter: NonNullable<ReturnType<typeof findAdapter>>, nativeId: string, req: Request, res: Response): Promise<void> {
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  const content = await adapter.openRecording(nativeId, req.headers.range, { ...operationOf(res).caller, signal: abort.signal });
  if (!content) return sendHttpError(res, 404, 'NOT_FOUND', 'The vendor no longer has this recording.');
  res.status(content.status).set({ ...content.headers, 'content-type': content.contentType, 'cache-control': 'private, max-age=300' });
  if (req.method === 'HEAD') {
    content.body.destroy();
    return void res.end();
  }
  await pipeline(content.body, res);
}
