import { Readable } from 'node:stream';
import { AccountStack } from '../upstream/policy-stack';
import { Caller } from '../upstream/caller';
import { RecordingContent } from './adapter';

const PASSED_HEADERS = ['content-length', 'content-range', 'accept-ranges'];

/**
 * A recording streamed from its vendor with the client's Range passed on, never held whole. A 404 (no such
 * recording) is null and a 416 (a range past the end) an answer for the client, not failures.
 */
export async function fetchRecording(stack: AccountStack, operation: string, url: string, range: string | undefined, caller: Caller): Promise<RecordingContent | null> {
  const response = await stack.send<Readable>({ operation, url, headers: range ? { range } : {}, responseType: 'stream', answerStatuses: [404, 416] }, caller);
  if (response.status === 404) {
    response.data.destroy();
    return null;
  }
  const headers: Record<string, string> = {};
  for (const name of PASSED_HEADERS) {
    const value = response.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const contentType = typeof response.headers['content-type'] === 'string' ? response.headers['content-type'] : 'application/octet-stream';
  if (response.status === 416) {
    response.data.destroy();
    return { status: 416, contentType, headers, body: Readable.from([]) };
  }
  return { status: response.status === 206 ? 206 : 200, contentType, headers, body: response.data };
}
