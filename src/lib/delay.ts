/** Resolves after `ms` milliseconds (nothing to cancel: for pauses a caller waits out whole). */
export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
