/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Direction of a call as seen from the company. */
export type CallDirection =
  /** From outside the company to it. */
  | 'INBOUND'
  /** Between two extensions of the company. */
  | 'INTERNAL'
  /** From the company to outside. */
  | 'OUTBOUND';

/** Normalized outcome of a call or a leg; the vendor's own value is kept in vendorResult. */
export type CallResult =
  /** The caller hung up before anyone answered (for example while queued). */
  | 'ABANDONED'
  /** Someone (a person, not a machine) answered. */
  | 'ANSWERED'
  /** The called side was busy. */
  | 'BUSY'
  /** Could not be set up (network, number or account problem). */
  | 'FAILED'
  /** Still going on when the vendor reported it. */
  | 'IN_PROGRESS'
  /** Rang but nobody answered. */
  | 'MISSED'
  /** The called side declined the call. */
  | 'REJECTED'
  /** The vendor value has no normalized meaning yet; see vendorResult. */
  | 'UNKNOWN'
  /** Went to voicemail. */
  | 'VOICEMAIL';

/** Which accounts the feed follows. A checkpoint only works with the filter it was made for. */
export type CallSessionChangeFilter = {
  /** Only these configured account keys. */
  accounts?: Array<string> | null | undefined;
  /** Only these vendors (at most 20). */
  providers?: Array<Provider> | null | undefined;
};

/** What a change asks of a copy of the call history. */
export type CallSessionChangeKind =
  /** The vendor deleted the session: remove it (only vendors that report deletions send these; see docs/partner-sync.md). */
  | 'DELETE'
  /** The session is new or changed: insert it, or replace the copy held when this version is newer. */
  | 'UPSERT';

/** A telephony vendor Callbridge reads call history from. */
export type Provider =
  /** CallGear Data API (JSON-RPC reports, offsets). */
  | 'CALLGEAR'
  /** RingCentral (REST call log, page numbers). */
  | 'RINGCENTRAL'
  /** Telphin (REST calls, page and per_page). */
  | 'TELPHIN';

export type CallSessionChangesPageQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  since?: string | null | undefined;
  filter?: CallSessionChangeFilter | null | undefined;
}>;


export type CallSessionChangesPageQuery = { callSessionChanges: { edges: Array<{ node: { kind: CallSessionChangeKind, id: string, version: number, session: { id: string, provider: Provider, account: string, nativeId: string, startTime: string, endTime: string | null, duration: number | null, direction: CallDirection, result: CallResult, from: { phoneNumber: string | null, rawNumber: string | null }, to: { phoneNumber: string | null, rawNumber: string | null }, recordings: Array<{ id: string, duration: number | null }> | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null }, resyncedAccounts: Array<{ provider: Provider, account: string, staleBefore: number }>, missingProviders: Array<{ provider: Provider, account: string }> } };


export const CallSessionChangesPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CallSessionChangesPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CallSessionChangeFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callSessionChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"account"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"rawNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"rawNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recordings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resyncedAccounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"account"}},{"kind":"Field","name":{"kind":"Name","value":"staleBefore"}}]}},{"kind":"Field","name":{"kind":"Name","value":"missingProviders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"account"}}]}}]}}]}}]} as unknown as DocumentNode<CallSessionChangesPageQuery, CallSessionChangesPageQueryVariables>;