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

/**
 * Contacts by (tenant, connector, E.164 number), kept for a while: each call's number is looked up once per
 * window however many calls it has, and concurrent lookups of one number share one findContact. No match is
 * kept too. Bounded in entries (a number and a small contact each: about 200 bytes).
 */
export class ContactCache {
  private readonly entries = new Map<string, { at: number; contact: Promise<MatchedContact | null> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  match(tenant: string, connector: string, number: string, find: () => Promise<readonly MatchedContact[]>): Promise<MatchedContact | null> {
    const key = `${tenant}\u001f${connector}\u001f${number}`;
    const held = this.entries.get(key);
    if (held && this.now() - held.at < this.ttlMs) return held.contact;
    const contact = find().then(earliestCreated);
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), contact });
    // A failed lookup is not kept: the next call asks again.
    contact.catch(() => this.entries.get(key)?.contact === contact && this.entries.delete(key));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return contact;
  }
}
