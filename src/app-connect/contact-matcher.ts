import { MatchedContact } from './connector';

/** App Connect's multi-match rule: the earliest-created contact (findContact.md: `createdDate`); undated ones last, ties in the CRM's order. */
export function earliestCreated(matches: readonly MatchedContact[]): MatchedContact | null {
  let best: MatchedContact | null = null;
  let bestAt = Infinity;
  for (const match of matches) {
    const at = match.createdDate === undefined ? NaN : typeof match.createdDate === 'number' ? match.createdDate : Date.parse(match.createdDate);
    const rank = Number.isNaN(at) ? Infinity : at;
    if (best === null || rank < bestAt) {
      best = match;
      bestAt = rank;
    }
  }
  return best;
}

/** What one kept contact costs: its key, and a contact's few short strings and the promise around it. */
const ENTRY_BYTES = 400;

/**
 * Contacts by (tenant, connector, E.164 number), kept for a while: each call's number is looked up once per
 * window however many calls it has, and concurrent lookups of one number share one findContact. No match is
 * kept too. Bounded in bytes (each entry counted at its key and a contact's size), the oldest out first.
 */
export class ContactCache {
  private readonly entries = new Map<string, { at: number; contact: Promise<MatchedContact | null>; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Bytes held (estimated). */
  get size(): number {
    return this.bytes;
  }

  /** The contact of a number, kept for `ttlMs` (each connector's contactCacheSeconds). */
  match(tenant: string, connector: string, number: string, ttlMs: number, find: () => Promise<readonly MatchedContact[]>): Promise<MatchedContact | null> {
    const key = `${tenant}\u001f${connector}\u001f${number}`;
    const held = this.entries.get(key);
    if (held && this.now() - held.at < ttlMs) return held.contact;
    const contact = find().then(earliestCreated);
    this.drop(key);
    const bytes = 2 * key.length + ENTRY_BYTES;
    this.entries.set(key, { at: this.now(), contact, bytes });
    this.bytes += bytes;
    // A failed lookup is not kept: the next call asks again.
    contact.catch(() => this.entries.get(key)?.contact === contact && this.drop(key));
    while (this.bytes > this.maxBytes && this.entries.size > 0) this.drop(this.entries.keys().next().value!);
    return contact;
  }

  private drop(key: string): void {
    const held = this.entries.get(key);
    if (!held) return;
    this.entries.delete(key);
    this.bytes -= held.bytes;
  }
}
