/** A page of a connection as a service is asked for it: Relay's first/after forward, or last/before backward. */
export interface PageRequest {
  /** Forward: at most this many rows after `after`. */
  readonly first: number;
  readonly after: string | null;
  /** Backward: at most this many rows before `before` (the end without it); set instead of first/after. */
  readonly last?: number | null;
  readonly before?: string | null;
}

/** Which way a page is read, how many rows, from which cursor, and the argument that cursor came in. */
export interface PageDirection {
  readonly backward: boolean;
  readonly count: number;
  readonly cursor: string | null;
  readonly argument: 'after' | 'before';
}

/** The one direction a page request asks for (schema/relay-paging.ts refuses a mix of both). */
export function pageDirection(request: PageRequest): PageDirection {
  if (request.last !== undefined && request.last !== null) return { backward: true, count: request.last, cursor: request.before ?? null, argument: 'before' };
  return { backward: false, count: request.first, cursor: request.after, argument: 'after' };
}
