import { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { logEvent } from '../lib/logger';

/**
 * Every answer that is not GraphQL's own is still a typed JSON answer, shaped like a GraphQL error
 * (`{errors: [{message, extensions: {code}}]}`), in every mode: never Express's HTML page, never a stack
 * trace, never a multi-line stack on stderr.
 */
export function sendHttpError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  if (res.headersSent) return void res.end();
  res.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

/** A JSON body in any charset but UTF-8 (RFC 8259 §8.1: JSON exchanged between systems is UTF-8) is a 415. */
export function utf8JsonOnly(): RequestHandler {
  return (req, res, next) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return sendHttpError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `The body must be UTF-8 JSON (charset ${charset} is not supported).`);
    }
    next();
  };
}

/** A route nobody serves. */
export function unknownRoute(): RequestHandler {
  return (req, res) => sendHttpError(res, 404, 'NOT_FOUND', `No such route: ${req.method} ${req.path.slice(0, 200)}`);
}

/** What body-parser and the router raise, by their `type`, status or name, as the client's mistake; anything else is ours. */
export function httpErrorHandler(): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const e = (error ?? {}) as { type?: string; status?: number; name?: string; message?: string };
    if (e.type === 'entity.parse.failed') return sendHttpError(res, 400, 'BAD_REQUEST', 'The body is not valid JSON.');
    if (e.type === 'entity.too.large') return sendHttpError(res, 413, 'PAYLOAD_TOO_LARGE', 'The body is larger than the server accepts.');
    if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') return sendHttpError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'The body must be UTF-8 JSON.');
    if (e.name === 'URIError') return sendHttpError(res, 400, 'BAD_REQUEST', 'The path is not valid percent-encoding.');
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return sendHttpError(res, e.status, 'BAD_REQUEST', 'The request is not valid.');
    logEvent('error', 'http.internal_error', { method: req.method, path: req.path.slice(0, 200), name: e.name ?? typeof error, message: e.message?.slice(0, 300) });
    sendHttpError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}
