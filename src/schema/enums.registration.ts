import { registerEnumType } from 'type-graphql';
import { CallDirection, CallResult, EndedBy, LegRole } from '../domain/enums';
import { SortOrder } from '../domain/ordering';
import { ProviderErrorPolicy } from '../history/session-query';
import { ChangeKind } from '../history/change-types';
import { AccountState } from '../upstream/account-health';

registerEnumType(CallDirection, {
  name: 'CallDirection',
  description: 'Direction of a call as seen from the company.',
  valuesConfig: {
    INBOUND: { description: 'From outside the company to it.' },
    OUTBOUND: { description: 'From the company to outside.' },
    INTERNAL: { description: 'Between two extensions of the company.' },
  },
});

registerEnumType(CallResult, {
  name: 'CallResult',
  description: "Normalized outcome of a call or a leg; the vendor's own value is kept in vendorResult.",
  valuesConfig: {
    ANSWERED: { description: 'Someone (a person, not a machine) answered.' },
    MISSED: { description: 'Rang but nobody answered.' },
    VOICEMAIL: { description: 'Went to voicemail.' },
    BUSY: { description: 'The called side was busy.' },
    REJECTED: { description: 'The called side declined the call.' },
    FAILED: { description: 'Could not be set up (network, number or account problem).' },
    ABANDONED: { description: 'The caller hung up before anyone answered (for example while queued).' },
    IN_PROGRESS: { description: 'Still going on when the vendor reported it.' },
    UNKNOWN: { description: 'The vendor value has no normalized meaning yet; see vendorResult.' },
  },
});

registerEnumType(EndedBy, {
  name: 'EndedBy',
  description: 'Who hung up, where the vendor says so.',
  valuesConfig: {
    CALLER: { description: 'The calling party ended the call.' },
    CALLEE: { description: 'The called party ended the call.' },
    SYSTEM: { description: 'The platform ended it (timeout, routing, failure).' },
    UNKNOWN: { description: 'The vendor does not say.' },
  },
});

registerEnumType(LegRole, {
  name: 'LegRole',
  description: 'What part a leg plays in the call flow.',
  valuesConfig: {
    CALLER: { description: 'The leg that reached the caller.' },
    CALLEE: { description: 'The leg that reached the callee.' },
    FORWARD: { description: 'A forward of the call elsewhere (FindMe/FollowMe, call forwarding).' },
    TRANSFER: { description: 'The call handed over to another party.' },
    QUEUE: { description: 'The call waiting in or distributed by a queue.' },
    IVR: { description: 'The call in an interactive voice menu.' },
    VOICEMAIL: { description: 'The call recorded by voicemail.' },
    OTHER: { description: 'Any other leg type; see legType.' },
  },
});

registerEnumType(SortOrder, {
  name: 'CallSessionOrder',
  description: 'Order of a call-session walk. Ties on startTime are broken by provider, account and native id.',
  valuesConfig: {
    START_TIME_DESC: { description: 'Newest first.' },
    START_TIME_ASC: { description: 'Oldest first.' },
  },
});

registerEnumType(ProviderErrorPolicy, {
  name: 'ProviderErrorPolicy',
  description: 'What a page does when a vendor fails.',
  valuesConfig: {
    PARTIAL: { description: "Return the healthy vendors' rows, list the failed accounts in missingProviders and add an UPSTREAM_UNAVAILABLE error." },
    FAIL: { description: 'Return no page (an UPSTREAM_UNAVAILABLE error); the same cursor can be retried. Use it for syncs that must not miss rows.' },
  },
});

registerEnumType(AccountState, {
  name: 'ProviderState',
  description: "A vendor account's live state, from the requests Callbridge made to it.",
  valuesConfig: {
    OK: { description: 'The last request succeeded.' },
    DEGRADED: { description: 'The last request failed; the circuit is still closed.' },
    CIRCUIT_OPEN: { description: 'Repeated failures opened the circuit: requests fail fast until a probe succeeds.' },
    RATE_LIMITED: { description: 'The vendor asked Callbridge to wait until rateLimitedUntil.' },
  },
});

registerEnumType(ChangeKind, {
  name: 'CallSessionChangeKind',
  description: 'What a change asks of a copy of the call history.',
  valuesConfig: {
    UPSERT: { description: 'The session is new or changed: insert it, or replace the copy held when this version is newer.' },
    DELETE: { description: 'The vendor deleted the session: remove it (only vendors that report deletions send these; see docs/partner-sync.md).' },
  },
});
