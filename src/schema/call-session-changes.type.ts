import { Field, ID, ObjectType } from 'type-graphql';
import { SafeIntResolver } from 'graphql-scalars';
import { CallSession } from '../domain/call-session';
import { ChangeKind } from '../history/change-types';
import { PageInfoType, ProviderAccountType } from './call-session-connection.type';
import { CallSessionType } from './call-session.type';
import { Provider } from '../domain/provider';
import { ProviderEnum } from './provider.enum';


@ObjectType('CallSessionChange', { description: 'A session that is new, changed or deleted since the checkpoint.' })
export class CallSessionChangeType {
  @Field(() => ChangeKind, { description: 'UPSERT or DELETE.' })
  kind!: ChangeKind;

  @Field(() => ID, { description: 'Global id of the session (the same as CallSession.id): the key to upsert or delete by.' })
  id!: string;

  @Field(() => SafeIntResolver, {
    description:
      'Grows with every page of this feed (epoch milliseconds of the page, or one more than the last version given). Apply a change only when it is greater than the version you hold for the id: a change delivered again is never older than what you have.',
  })
  version!: number;

  @Field(() => CallSessionType, { nullable: true, description: 'The session as it is now; null for DELETE.' })
  session!: CallSession | null;
}

@ObjectType('AccountResync', { description: "An account read again in full because its vendor's change feed lost track (RingCentral refused the sync token)." })
export class AccountResyncType {
  @Field(() => ProviderEnum, { description: 'The vendor.' })
  provider!: Provider;

  @Field(() => String, { description: 'The configured account key.' })
  account!: string;

  @Field(() => SafeIntResolver, {
    description: 'Every session of this account you hold with a version below this one was not delivered again: the vendor no longer has it. Delete them, in the same transaction as this page.',
  })
  staleBefore!: number;
}

@ObjectType('CallSessionChangeEdge', { description: 'A change with its cursor.' })
export class CallSessionChangeEdgeType {
  @Field(() => String, { description: 'The checkpoint of the page this change is on (every edge of a page carries the same one).' })
  cursor!: string;

  @Field(() => CallSessionChangeType, { description: 'The change.' })
  node!: CallSessionChangeType;
}

@ObjectType('CallSessionChangeConnection', {
  description:
    'One page of changes. Save pageInfo.endCursor (the checkpoint) in the same transaction as the changes; go on while hasNextPage is true; when it is false you are caught up: call again later with the checkpoint.',
})
export class CallSessionChangeConnectionType {
  @Field(() => [CallSessionChangeEdgeType], { description: 'The changes of this page, oldest session first within each kind of read. A page may be empty while hasNextPage is true.' })
  edges!: CallSessionChangeEdgeType[];

  @Field(() => PageInfoType, { description: 'endCursor is the checkpoint: it never expires and is bound to your key and the filter.' })
  pageInfo!: PageInfoType;

  @Field(() => [AccountResyncType], { description: "Accounts whose full re-read ended on this page: delete what of theirs you hold below staleBefore (usually empty)." })
  resyncedAccounts!: AccountResyncType[];

  @Field(() => [ProviderAccountType], { description: 'Accounts that failed during this page: their position did not move, so their changes come on a later page or run.' })
  missingProviders!: ProviderAccountType[];
}
