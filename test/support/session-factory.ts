import { CallSession, Party } from '../../src/domain/call-session';
import { CallDirection, CallResult, EndedBy } from '../../src/domain/enums';
import { Provider } from '../../src/domain/provider';

const party = (rawNumber: string | null, extensionId: string | null = null): Party => ({
  rawNumber,
  phoneNumber: rawNumber,
  name: null,
  location: null,
  extensionId,
});

/** A minimal valid session for engine tests. */
export function makeSession(provider: Provider, account: string, nativeId: string, startMs: number, extra: Partial<CallSession> = {}): CallSession {
  return {
    provider,
    account,
    nativeId,
    startTime: new Date(startMs),
    answerTime: null,
    endTime: new Date(startMs + 60_000),
    duration: 60,
    talkDuration: 50,
    direction: CallDirection.INBOUND,
    result: CallResult.ANSWERED,
    vendorResult: 'answered',
    from: party('+14155550100'),
    to: party('+14155550199'),
    extensionId: null,
    endedBy: EndedBy.UNKNOWN,
    detail: { legs: [], recordings: [] },
    listedRecordings: [],
    hasRecording: false,
    ...extra,
  };
}
