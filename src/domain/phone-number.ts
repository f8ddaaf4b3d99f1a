import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * E.164 form of a vendor's phone number, or null when it cannot be one.
 * Vendors send "+16505550101", "16505550101" (E.164 without the plus), "(866)123-4567"
 * (national, needs the account's country) and placeholders such as "+PHONE_NUMBER" or "100*0111"
 * (an extension): the last two give null, never an error.
 */
export function normalizePhoneNumber(raw: string | null | undefined, defaultCountry?: string): string | null {
  if (raw === null || raw === undefined) return null;
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
