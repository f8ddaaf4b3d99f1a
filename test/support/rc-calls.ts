import { SortOrder, compareKeys } from '../../src/domain/ordering';
import { Provider } from './providers';

/**
 * The calls a RingCentral simulator's records describe, newest first in the engine's order: one per
 * telephonySessionId, which the records of each extension that took part share (vendors.md §1.10).
 */
export function rcCallKeys(records: ReadonlyArray<Record<string, unknown>>, account: string): string[] {
  const calls = new Map(records.map((r) => [r['telephonySessionId'] as string, { provider: Provider.RINGCENTRAL!, account, nativeId: r['telephonySessionId'] as string, startTime: Date.parse(r['startTime'] as string) }]));
  return [...calls.values()].sort((x, y) => compareKeys(x, y, SortOrder.START_TIME_DESC)).map((call) => call.nativeId);
}
