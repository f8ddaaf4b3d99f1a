import { PartyData, Provider } from './types';

export const PROVIDER_NAMES: Record<Provider, string> = { RINGCENTRAL: 'RingCentral', CALLGEAR: 'CallGear', TELPHIN: 'Telphin' };

export const DIRECTIONS = ['INBOUND', 'OUTBOUND', 'INTERNAL'];
export const RESULTS = ['ANSWERED', 'MISSED', 'ABANDONED', 'VOICEMAIL', 'BUSY', 'REJECTED', 'FAILED', 'IN_PROGRESS', 'UNKNOWN'];

/** "Missed", "Answered": an enum value as a word. */
export const word = (value: string): string => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

/** Who a party is: a name, an extension, or a number. */
export function who(party: PartyData): string {
  const ext = party.extension;
  if (party.name) return party.name;
  if (ext?.name) return ext.name;
  if (ext?.extensionNumber) return `ext. ${ext.extensionNumber}`;
  return party.phoneNumber ?? party.rawNumber ?? 'unknown';
}

export const time = (iso: string): string => new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
