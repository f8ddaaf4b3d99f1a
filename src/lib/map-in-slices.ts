import { setImmediate as nextTurn } from 'node:timers/promises';

/** Items mapped between two turns of the event loop. */
const SLICE = 200;

/**
 * `items.map(map)`, giving the event loop a turn after every 200 items: a vendor page of a thousand rows (and
 * its legs) mapped in one go held every other request back for up to 100 ms. Pages of up to 200 rows map in
 * one task, as before.
 */
export async function mapInSlices<T, U>(items: readonly T[], map: (item: T, index: number) => U): Promise<U[]> {
  const out: U[] = new Array<U>(items.length);
  for (let start = 0; start < items.length; start += SLICE) {
    if (start > 0) await nextTurn();
    const end = Math.min(items.length, start + SLICE);
    for (let i = start; i < end; i++) out[i] = map(items[i]!, i);
  }
  return out;
}
