import { IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { SortOrder } from '../domain/ordering';
import { ProviderErrorPolicy } from '../history/session-query';
import { CallSessionFilterInput } from './call-session-filter.input';

@ArgsType()
export class CallSessionsArgs {
  @Field(() => Int, { nullable: true, description: 'Forward: how many rows to return after `after`, 1 to 100 (25 when neither first nor last is given). Not with last.' })
  @IsOptional()
  @Min(1)
  @Max(100)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor (an endCursor or edge cursor from the same filter and order).' })
  @IsOptional()
  @MaxLength(8192)
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Backward: how many rows to return before `before` (the end of the walk without it), 1 to 100, in the same order, the row nearest `before` last. Not with first.' })
  @IsOptional()
  @Min(1)
  @Max(100)
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Go back from this cursor (a startCursor or edge cursor from the same filter and order, forward or backward); only with last.' })
  @IsOptional()
  @MaxLength(8192)
  before?: string | null;

  @Field(() => CallSessionFilterInput, { nullable: true, description: 'Which sessions to list.' })
  @IsOptional()
  @ValidateNested()
  filter?: CallSessionFilterInput | null;

  @Field(() => SortOrder, { defaultValue: SortOrder.START_TIME_DESC, description: 'Order of the walk.' })
  orderBy!: SortOrder;

  @Field(() => ProviderErrorPolicy, { defaultValue: ProviderErrorPolicy.PARTIAL, description: 'What to do when a vendor fails: PARTIAL (default) or FAIL (for syncs).' })
  onProviderError!: ProviderErrorPolicy;
}
