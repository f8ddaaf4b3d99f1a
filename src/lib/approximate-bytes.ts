/** Arrays longer than this are sized from an even sample of their elements. */
const SAMPLED_ABOVE = 64;
const SAMPLE = 32;

/**
 * The heap a plain data value takes, estimated (V8's exact layout aside): strings two bytes a character plus a
 * header, numbers and booleans a slot, dates an object, arrays and objects a header plus a slot and key per
 * field. Values met twice count once, so shared rows are not counted twice and cycles end.
 *
 * A long array (a vendor page of a thousand sessions with their legs) is sized from 32 elements spread evenly
 * over it, scaled to its length: walking every object of a page cost more than mapping it (7% of a cold page's
 * CPU), and a page's rows are alike enough for the estimate to stay close (test/lib/approximate-bytes.test.ts).
 */
export function approximateBytes(value: unknown, seen: Set<object> = new Set()): number {
  const stack: unknown[] = [value];
  let bytes = 0;
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') bytes += 16 + item.length * 2;
    else if (typeof item === 'number' || typeof item === 'boolean' || typeof item === 'bigint') bytes += 8;
    else if (item === null || item === undefined) bytes += 8;
    else if (typeof item === 'object') {
      if (seen.has(item)) continue;
      seen.add(item);
      if (item instanceof Date) bytes += 32;
      else if (Buffer.isBuffer(item)) bytes += 64 + item.length;
      else if (Array.isArray(item)) {
        bytes += 16 + item.length * 8;
        if (item.length > SAMPLED_ABOVE) bytes += sampledElements(item, seen);
        else for (const element of item) stack.push(element);
      } else {
        const entries = Object.entries(item as Record<string, unknown>);
        bytes += 24 + entries.length * 16;
        for (const [, field] of entries) stack.push(field);
      }
    } else bytes += 8;
  }
  return bytes;
}

/** The elements of a long array, estimated from an even sample of them. */
function sampledElements(items: readonly unknown[], seen: Set<object>): number {
  const step = items.length / SAMPLE;
  let sampled = 0;
  for (let i = 0; i < SAMPLE; i++) sampled += approximateBytes(items[Math.floor(i * step)], seen);
  return Math.round((sampled * items.length) / SAMPLE);
}
