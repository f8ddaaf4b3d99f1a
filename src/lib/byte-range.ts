/** The part of a body a single-range `Range: bytes=...` header asks for (RFC 9110 §14). */
export interface ServedRange {
  readonly status: 200 | 206 | 416;
  /** First byte to send (inclusive). */
  readonly start: number;
  /** Last byte to send (inclusive); start > end when nothing is sent. */
  readonly end: number;
  readonly headers: Record<string, string>;
}

/**
 * Resolves a Range header against a body of `size` bytes. Multi-range and malformed headers are
 * ignored (the whole body is sent), as RFC 9110 allows; an unsatisfiable range gets 416.
 */
export function serveByteRange(size: number, range: string | undefined): ServedRange {
  const whole: ServedRange = { status: 200, start: 0, end: size - 1, headers: { 'content-length': String(size) } };
  if (!range) return whole;
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!match || (match[1] === '' && match[2] === '')) return whole;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return unsatisfiable(size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (start > end || start >= size) return unsatisfiable(size);
  }
  return {
    status: 206,
    start,
    end,
    headers: { 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${size}` },
  };
}

function unsatisfiable(size: number): ServedRange {
  return { status: 416, start: 0, end: -1, headers: { 'content-range': `bytes */${size}`, 'content-length': '0' } };
}
