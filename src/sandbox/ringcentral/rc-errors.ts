import { Response } from 'express';

/** RingCentral's error body (vendors.md §1.9): top-level errorCode/message plus errors[]. */
export function sendRcError(res: Response, status: number, errorCode: string, message: string, extra: Record<string, string> = {}): void {
  res.status(status).json({ errorCode, message, errors: [{ errorCode, message, ...extra }], ...(extra['permissionName'] ? { permissionName: extra['permissionName'] } : {}) });
}

/** CMN-101: a parameter has an invalid value. */
export function invalidParameter(res: Response, name: string, value: string): void {
  sendRcError(res, 400, 'CMN-101', `Parameter [${name}] value is invalid`, { parameterName: name, parameterValue: value });
}

/** CMN-102: nothing has that id. */
export function notFound(res: Response, name: string, value: string): void {
  sendRcError(res, 404, 'CMN-102', `Resource for parameter [${name}] is not found`, { parameterName: name, parameterValue: value });
}
