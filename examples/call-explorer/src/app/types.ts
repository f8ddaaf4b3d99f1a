/** The shapes the explorer's operations answer (operations.ts). */

export type Provider = 'RINGCENTRAL' | 'CALLGEAR' | 'TELPHIN';

export interface PartyData {
  phoneNumber: string | null;
  rawNumber: string | null;
  name: string | null;
  extension?: { name: string | null; extensionNumber: string | null } | null;
}

export interface CallRow {
  id: string;
  provider: Provider;
  account: string;
  startTime: string;
  direction: string;
  result: string;
  duration: number | null;
  hasRecording: boolean | null;
  from: PartyData;
  to: PartyData;
  extension: { id: string; name: string | null; extensionNumber: string | null } | null;
}

export interface CallsData {
  callSessions: {
    edges: Array<{ cursor: string; node: CallRow }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    missingProviders: Array<{ provider: Provider; account: string }>;
  };
}

export interface ExtensionOption {
  id: string;
  provider: Provider;
  account: string;
  name: string | null;
  extensionNumber: string | null;
  type: string | null;
}

export interface LegData {
  index: number;
  legType: string;
  role: string;
  startTime: string;
  answerTime: string | null;
  duration: number | null;
  result: string;
  from: PartyData;
  to: PartyData;
  extension: { name: string | null; extensionNumber: string | null } | null;
  recording: { id: string } | null;
}

export interface RecordingData {
  id: string;
  startTime: string | null;
  duration: number | null;
  contentType: string | null;
  url: string;
}

export interface CallData {
  callSession: CallRow & {
    nativeId: string;
    endTime: string | null;
    vendorResult: string | null;
    talkDuration: number | null;
    endedBy: string;
    callerStatus: string | null;
    calleeStatus: string | null;
    legs: LegData[] | null;
    recordings: RecordingData[] | null;
  };
}

/** What the filter bar sets; empty means "any". */
export interface FilterState {
  provider: Provider | '';
  direction: string;
  result: string;
  extension: ExtensionOption | null;
  phone: string;
}

export const NO_FILTER: FilterState = { provider: '', direction: '', result: '', extension: null, phone: '' };
