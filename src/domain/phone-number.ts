import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { LRUCache } from 'lru-cache';

/**
 * Numbers already normalized, by country and raw text: a vendor page names the same company numbers and
 * regular contacts over and over, and parsing one costs tens of microseconds (a cold page's profile had
 * libphonenumber at 21%). Bounded in bytes like every cache.
 */
const normalized = new LRUCache<string, { readonly e164: string | null }>({
  maxSize: 4 * 1024 * 1024,
  sizeCalculation: (value, key) => 2 * (key.length + (value.e164?.length ?? 0)) + 64,
});

/**
 * E.164 form of a vendor's phone number, or null when it cannot be one.
 * Vendors send "+16505550101", "16505550101" (E.164 without the plus), "(866)123-4567"
 * (national, needs the account's country) and placeholders such as "+PHONE_NUMBER" or "100*0111"
 * (an extension): the last two give null, never an error.
 */
export function normalizePhoneNumber(raw: string | null | undefined, defaultCountry?: string): string | null {
  if (raw === null || raw === undefined) return null;
  const key = `${defaultCountry ?? ''}|${raw}`;
  const known = normalized.get(key);
  if (known) return known.e164;
  const e164 = parsePhoneNumber(raw, defaultCountry);
  normalized.set(key, { e164 });
  return e164;
}

function parsePhoneNumber(raw: string, defaultCountry: string | undefined): string | null {
  const trimmed = raw.trim();
  if (trimmed === '' || /[a-z*#]/i.test(trimmed)) return null;
  const digits = trimmed.replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  const candidates: Array<[string, CountryCode | undefined]> = [];
  if (digits.startsWith('+')) candidates.push([digits, undefined]);
  else {
    if (defaultCountry) candidates.push([digits, defaultCountry.toUpperCase() as CountryCode]);
    if (digits.length >= 10) candidates.push([`+${digits}`, undefined]);
  }
  for (const [text, country] of candidates) {
    const parsed = parsePhoneNumberFromString(text, country);
    if (parsed && parsed.isPossible()) return parsed.number;
  }
  return null;
}
