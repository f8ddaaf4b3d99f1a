import { IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { SortOrder } from '../domain/ordering';
import { ProviderErrorPolicy } from '../history/session-query';
import { CallSessionFilterInput } from './call-session-filter.input';

@ArgsType()
export class CallSessionsArgs {
  @Field(() => Int, { defaultValue: 25, description: 'How many rows to return, 1 to 100.' })
  @Min(1)
  @Max(100)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor (an endCursor or edge cursor from the same filter and order).' })
  @IsOptional()
  @MaxLength(8192)
  after?: string | null;

  @Field(() => CallSessionFilterInput, { nullable: true, description: 'Which sessions to list.' })
  @IsOptional()
  @ValidateNested()
  filter?: CallSessionFilterInput | null;

  @Field(() => SortOrder, { defaultValue: SortOrder.START_TIME_DESC, description: 'Order of the walk.' })
  orderBy!: SortOrder;

  @Field(() => ProviderErrorPolicy, { defaultValue: ProviderErrorPolicy.PARTIAL, description: 'What to do when a vendor fails: PARTIAL (default) or FAIL (for syncs).' })
  onProviderError!: ProviderErrorPolicy;
}
