import { DateTimeResolver } from 'graphql-scalars';
import { AccountState } from '../upstream/account-health';
import { Field, ObjectType } from 'type-graphql';
import { Provider } from '../domain/provider';
import { ProviderEnum } from './provider.enum';
import { CallSessionType } from './call-session.type';

@ObjectType('PageInfo', { description: 'Relay page information.' })
export class PageInfoType {
  @Field(() => Boolean, { description: 'Whether more rows follow this page: exact when paging forward (first); when paging backward (last), true when the page was asked with before.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether rows come before this page: exact when paging backward (last); when paging forward (first), true when the page was asked with after.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge: pass it as before (with last) for the rows before this page. Null on an empty page, unless a backward page was cut short by the scan bound (hasPreviousPage true).' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor to pass as after for the next page. Null on an empty last page; an empty page cut short by the scan bound (hasNextPage true) still carries it.',
  })
  endCursor!: string | null;
}

@ObjectType('CallSessionEdge', { description: 'A call session with its cursor.' })
export class CallSessionEdgeType {
  @Field(() => String, { description: 'Opaque cursor: pass it as after to continue right after this row.' })
  cursor!: string;

  @Field(() => CallSessionType, { description: 'The call session.' })
  node!: CallSessionType;
}

@ObjectType('ProviderAccount', { description: 'A configured vendor account.' })
export class ProviderAccountType {
  @Field(() => ProviderEnum, { description: 'The vendor.' })
  provider!: Provider;

  @Field(() => String, { description: 'The configured account key.' })
  account!: string;
}

@ObjectType('CallSessionConnection', { description: 'One page of call sessions merged over every vendor account (Relay cursor connection).' })
export class CallSessionConnectionType {
  @Field(() => [CallSessionEdgeType], { description: 'The rows of this page, in the requested order.' })
  edges!: CallSessionEdgeType[];

  @Field(() => PageInfoType, { description: 'Paging state.' })
  pageInfo!: PageInfoType;

  @Field(() => [ProviderAccountType], { description: 'Accounts whose rows are absent from this page because their vendor failed (onProviderError PARTIAL).' })
  missingProviders!: ProviderAccountType[];
}

@ObjectType('ProviderStatus', { description: 'A vendor account the caller may read, and whether it answers now.' })
export class ProviderStatusType {
  @Field(() => ProviderEnum, { description: 'The vendor.' })
  provider!: Provider;

  @Field(() => String, { description: 'The configured account key.' })
  key!: string;

  @Field(() => Boolean, { description: 'Whether the vendor answered a light request just now.' })
  reachable!: boolean;

  @Field(() => AccountState, { description: "The account's live state (after the request of `reachable`)." })
  state!: AccountState;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When a RATE_LIMITED account may be asked again.' })
  rateLimitedUntil!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the last request failed, when the account is not OK (no credential or URL).' })
  lastError!: string | null;
}
