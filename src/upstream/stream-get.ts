import { Readable } from 'node:stream';
import { AxiosResponse } from 'axios';
import { UpstreamHttpError } from './upstream-errors';
import { UpstreamHttp } from './upstream-http';
import { RecordingContent } from '../vendors/adapter';

export interface StreamedResponse {
  readonly status: number;
  /** content-type, content-length, content-range and accept-ranges, when the vendor sent them. */
  readonly headers: Record<string, string>;
  readonly body: Readable;
}

/**
 * A streamed GET (recording content) with the client's Range passed on. A 404 (no such recording) and a
 * 416 (a range past the end) are answers for the caller, not failures: they come back with an empty body.
 */
export async function streamGet(http: UpstreamHttp, operation: string, url: string, headers: Record<string, string>, range: string | undefined, signal: AbortSignal): Promise<StreamedResponse> {
  const response = await http
    .send<Readable>({ operation, url, headers: { ...headers, ...(range ? { range } : {}) }, signal, responseType: 'stream' })
    .catch((error: unknown) => {
      if (error instanceof UpstreamHttpError && (error.status === 404 || error.status === 416)) {
        return { status: error.status, headers: {}, data: Readable.from([]) } as unknown as AxiosResponse<Readable>;
      }
      throw error;
    });
  const out: Record<string, string> = {};
  for (const name of ['content-type', 'content-length', 'content-range', 'accept-ranges']) {
    const value = response.headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  return { status: response.status, headers: out, body: response.data };
}

/** A streamed recording as the recording route wants it; null when the vendor has no such recording (404). */
export function recordingContent(response: StreamedResponse): RecordingContent | null {
  if (response.status === 404) return null;
  const status = response.status === 206 ? 206 : response.status === 416 ? 416 : 200;
  const { 'content-type': contentType = 'application/octet-stream', ...headers } = response.headers;
  return { status, contentType, headers, body: response.body };
}
