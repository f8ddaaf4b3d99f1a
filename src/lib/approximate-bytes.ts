/**
 * The heap a plain data value takes, estimated (V8's exact layout aside): strings two bytes a character plus a
 * header, numbers and booleans a slot, dates an object, arrays and objects a header plus a slot and key per
 * field. Values met twice count once, so shared rows are not counted twice and cycles end.
 */
export function approximateBytes(value: unknown): number {
  const seen = new Set<object>();
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
        for (const element of item) stack.push(element);
      } else {
        const entries = Object.entries(item as Record<string, unknown>);
        bytes += 24 + entries.length * 16;
        for (const [, field] of entries) stack.push(field);
      }
    } else bytes += 8;
  }
  return bytes;
}
