import { AccountRef, CallLeg, Party, RecordingRef } from '../domain/call-session';

/** Domain values handed to nested resolvers, carrying the account they belong to (for ids and loaders). */
export type PartyView = Party & { readonly owner: AccountRef };
/** A leg, and the native id of its session (its recording's id names the session). */
export type LegView = CallLeg & { readonly owner: AccountRef; readonly session: string };
/** A recording, and the native id of its session: node(id) reads it again through the session. */
export type RecordingView = RecordingRef & { readonly owner: AccountRef; readonly session: string };

export const ownerOf = (ref: AccountRef): AccountRef => ({ provider: ref.provider, account: ref.account });
