import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What one GraphQL operation (one HTTP request) has done so far, wherever the work runs. */
export interface OperationScope {
  readonly requestId: string;
  upstreamCalls: number;
}

const storage = new AsyncLocalStorage<OperationScope>();

/** Runs `fn` as one operation: code it calls, however deep, sees the same scope. */
export function runInOperation<T>(fn: () => T, requestId: string = randomUUID()): T {
  return storage.run({ requestId, upstreamCalls: 0 }, fn);
}

export function currentOperation(): OperationScope | undefined {
  return storage.getStore();
}
