import { Response } from 'express';

/** RingCentral's error body (vendors.md §1.9): top-level errorCode/message plus errors[]. */
export function rcErrorBody(errorCode: string, message: string, extra: Record<string, string> = {}): Record<string, unknown> {
  return { errorCode, message, errors: [{ errorCode, message, ...extra }], ...(extra['permissionName'] ? { permissionName: extra['permissionName'] } : {}) };
}

export function sendRcError(res: Response, status: number, errorCode: string, message: string, extra: Record<string, string> = {}): void {
  res.status(status).json(rcErrorBody(errorCode, message, extra));
}

/** 429 CMN-301 with Retry-After (vendors.md §1.8). */
export function sendRateLimited(res: Response, retryAfterSeconds: number): void {
  res.set('Retry-After', String(retryAfterSeconds));
  sendRcError(res, 429, 'CMN-301', 'Request rate exceeded');
}

/** An OAuth error: the OAuth fields plus RingCentral's errors[] (ringcentral-api-docs PR #33). */
export function sendOAuthError(res: Response, status: number, error: string, description: string, errorCode: string): void {
  res.status(status).json({ error, error_description: description, errors: [{ errorCode, message: description }] });
}

/** CMN-101: a parameter has an invalid value. */
export function invalidParameter(res: Response, name: string, value: string): void {
  sendRcError(res, 400, 'CMN-101', `Parameter [${name}] value is invalid`, { parameterName: name, parameterValue: value });
}

/** CMN-102: nothing has that id. */
export function notFoundBody(name: string, value: string): Record<string, unknown> {
  return rcErrorBody('CMN-102', `Resource for parameter [${name}] is not found`, { parameterName: name, parameterValue: value });
}

export function notFound(res: Response, name: string, value: string): void {
  res.status(404).json(notFoundBody(name, value));
}
