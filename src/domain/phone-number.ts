import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { byteBoundedMemo } from '../lib/byte-bounded-memo';

/**
 * Numbers already normalized, by country and raw text: a vendor page names the same company numbers and
 * regular contacts over and over, and parsing one costs tens of microseconds (a cold page's profile had
 * libphonenumber at 21%). Bounded in bytes like every cache.
 */
const normalized = byteBoundedMemo<string | null>(4 * 1024 * 1024, (e164) => 2 * (e164?.length ?? 0));

/**
 * E.164 form of a vendor's phone number, or null when it cannot be one.
 * Vendors send "+16505550101", "16505550101" (E.164 without the plus), "(866)123-4567"
 * (national, needs the account's country) and placeholders such as "+PHONE_NUMBER" or "100*0111"
 * (an extension): the last two give null, never an error.
 */
export function normalizePhoneNumber(raw: string | null | undefined, defaultCountry?: string): string | null {
  if (raw === null || raw === undefined) return null;
  return normalized(`${defaultCountry ?? ''}|${raw}`, () => parsePhoneNumber(raw, defaultCountry));
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

/** A number a client filters by: E.164 now, or national digits to read with each account's country. */
export type PhoneQuery = { readonly e164: string } | { readonly national: string };

/**
 * Reads a number a client gave. With a "+" or a named country it is E.164 at once; otherwise it is a national
 * number in any common format ("(212) 555-0788", "212-555-0788", "2125550788"), kept as digits, which each
 * account reads with its own default country. Null: not a phone number.
 */
export function parsePhoneQuery(raw: string, country?: string): PhoneQuery | null {
  const digits = raw.trim().replace(/[\s().-]/g, '');
  if (!/^\+?\d{3,17}$/.test(digits)) return null;
  if (digits.startsWith('+') || country) {
    const e164 = normalizePhoneNumber(raw, country);
    return e164 ? { e164 } : null;
  }
  return { national: digits };
}
