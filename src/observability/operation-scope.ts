import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What one GraphQL operation (one HTTP request) has done so far, wherever the work runs. */
export interface OperationScope {
  readonly requestId: string;
  /** Epoch ms by which the operation must be answered; upstream waits that would pass it fail at once. */
  readonly deadline: number;
  upstreamCalls: number;
}

const storage = new AsyncLocalStorage<OperationScope>();

/** Runs `fn` as one operation with `deadlineMs` to finish: code it calls, however deep, sees the same scope. */
export function runInOperation<T>(fn: () => T, deadlineMs: number, requestId: string = randomUUID()): T {
  return storage.run({ requestId, deadline: Date.now() + deadlineMs, upstreamCalls: 0 }, fn);
}

export function currentOperation(): OperationScope | undefined {
  return storage.getStore();
}

/** How long work outside any operation (a background probe) may wait for upstream budgets. */
const UNSCOPED_WAIT_MS = 30_000;

/** The deadline the current upstream work must meet. */
export function currentDeadline(): number {
  return currentOperation()?.deadline ?? Date.now() + UNSCOPED_WAIT_MS;
}
