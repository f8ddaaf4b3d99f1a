import { LRUCache } from 'lru-cache';

/**
 * A function's answers remembered by a string key, least recently used first out, bounded in bytes (the key
 * at two bytes a character, plus `sizeOf` the value): the one shape of the small memos on hot paths (phone
 * numbers, recording links, operation costs, valid arguments). `make` runs when the key is not known; if it
 * throws, nothing is kept.
 */
export function byteBoundedMemo<V>(maxBytes: number, sizeOf: (value: V) => number = () => 0): (key: string, make: () => V) => V {
  const kept = new LRUCache<string, { readonly value: V }>({ maxSize: maxBytes, sizeCalculation: (entry, key) => 64 + key.length * 2 + sizeOf(entry.value) });
  return (key, make) => {
    const known = kept.get(key);
    if (known) return known.value;
    const value = make();
    kept.set(key, { value });
    return value;
  };
}
