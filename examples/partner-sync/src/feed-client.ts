import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** What a GraphQL answer carries besides data. */
interface GraphQLError {
  readonly message: string;
  readonly extensions?: { readonly code?: string; readonly retryAfter?: number };
}

export interface FeedClientOptions {
  /** Callbridge's base URL, e.g. http://127.0.0.1:4000. */
  readonly url: string;
  readonly apiKey: string | null;
  /** Give up on one request after this long (ms): a hung answer is retried like a failed one. */
  readonly timeoutMs: number;
  /** Attempts per page before the run stops (the checkpoint saved so far stays). */
  readonly attempts: number;
  readonly log: (line: string) => void;
}

/** A failure worth another try: the network, a 5xx or 429, or Callbridge saying every account failed or is rate limited. */
class RetryableError extends Error {
  constructor(
    message: string,
    readonly waitMs: number | null,
  ) {
    super(message);
  }
}

const RETRYABLE_CODES = new Set(['UPSTREAM_UNAVAILABLE', 'RATE_LIMITED']);

/**
 * Runs typed operations against Callbridge over HTTP, retrying what is transient with exponential backoff
 * (and Callbridge's retryAfter when it gives one). A page with some accounts missing is an answer, not a
 * failure: its data and checkpoint are good, and the missing accounts catch up on a later page or run.
 */
export class FeedClient {
  constructor(private readonly options: FeedClientOptions) {}

  async run<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<{ data: R; errors: readonly GraphQLError[] }> {
    let delay = 250;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(document, variables);
      } catch (error) {
        if (!(error instanceof RetryableError) || attempt >= this.options.attempts) throw error;
        const wait = Math.min(error.waitMs ?? delay, 30_000);
        this.options.log(`retrying in ${wait} ms (attempt ${attempt}): ${error.message}`);
        await new Promise((resolve) => setTimeout(resolve, wait));
        delay = Math.min(delay * 2, 8000);
      }
    }
  }

  private async once<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<{ data: R; errors: readonly GraphQLError[] }> {
    let response: Response;
    try {
      response = await fetch(`${this.options.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}) },
        body: JSON.stringify({ query: print(document), variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new RetryableError(`no answer (${(error as Error).name})`, null);
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    let body: { data?: R | null; errors?: GraphQLError[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new RetryableError(`HTTP ${response.status} without a JSON body`, null);
    }
    if (body.data) return { data: body.data, errors: body.errors ?? [] };
    const error = body.errors?.[0];
    const code = error?.extensions?.code ?? '';
    if (response.status === 429 || response.status >= 500 || RETRYABLE_CODES.has(code)) {
      const wait = error?.extensions?.retryAfter ?? (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
      throw new RetryableError(`${code || `HTTP ${response.status}`}: ${error?.message ?? ''}`, wait === null ? null : wait * 1000);
    }
    throw new Error(`Callbridge refused the request (${code || response.status}): ${error?.message ?? 'no message'}`);
  }
}
