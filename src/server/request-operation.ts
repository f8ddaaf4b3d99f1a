import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { RequestHandler, Response } from 'express';
import { Caller, DeadlinePassed } from '../upstream/caller';

/** One HTTP request's operation: its id for the logs, the caller its vendor requests are made for, and their count. */
export interface RequestOperation {
  readonly requestId: string;
  readonly caller: Caller;
  upstreamCalls: number;
}

/**
 * Gives every request its operation. The one deadline of the request is here: when it passes, or when the
 * client goes away, the caller's signal aborts every vendor request made on its behalf.
 */
export function requestOperations(deadlineMs: number): RequestHandler {
  return (req, res, next) => {
    const controller = new AbortController();
    // Every vendor request the operation makes (up to limits.maxQueryCost, with their waits) listens to this
    // signal at once: that is not a leak, and Node's warning at 11 would go to stderr, outside the JSON log.
    setMaxListeners(2000, controller.signal);
    const deadline = Date.now() + deadlineMs;
    const operation: RequestOperation = {
      requestId: requestIdOf(req.headers['x-request-id']),
      caller: { signal: controller.signal, deadline, onRequest: () => void (operation.upstreamCalls += 1) },
      upstreamCalls: 0,
    };
    const timer = setTimeout(() => controller.abort(new DeadlinePassed()), deadlineMs);
    res.on('close', () => {
      clearTimeout(timer);
      if (!res.writableFinished) controller.abort();
    });
    res.locals['operation'] = operation;
    // Echoed on every answer, so that a client (or the proxy that set it) can find the request in the logs.
    res.setHeader('x-request-id', operation.requestId);
    next();
  };
}

/** A request's id: the one the client or a proxy sent, when it is a plain token, else a new one. */
const REQUEST_ID = /^[A-Za-z0-9._:@\/+=-]{1,128}$/;
export function requestIdOf(sent: string | string[] | undefined): string {
  return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
}

export function operationOf(res: Response): RequestOperation {
  return res.locals['operation'] as RequestOperation;
}
