import { AccountRef, CallLeg, Party, RecordingRef } from '../domain/call-session';

/** Domain values handed to nested resolvers, carrying the account they belong to (for ids and loaders). */
export type PartyView = Party & { readonly owner: AccountRef };
export type LegView = CallLeg & { readonly owner: AccountRef };
export type RecordingView = RecordingRef & { readonly owner: AccountRef };

export const ownerOf = (ref: AccountRef): AccountRef => ({ provider: ref.provider, account: ref.account });
