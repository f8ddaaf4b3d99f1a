import { IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { MAX_CHECKPOINT_CHARS } from '../history/change-checkpoint';
import { AccountFilterInput } from './account-filter.input';

@InputType('CallSessionChangeFilter', { description: 'Which accounts the feed follows. A checkpoint only works with the filter it was made for.' })
export class CallSessionChangeFilterInput extends AccountFilterInput {}

@ArgsType()
export class CallSessionChangesArgs {
  @Field(() => Int, { defaultValue: 100, description: 'At most this many changes, 1 to 250.' })
  @Min(1)
  @Max(250)
  first!: number;

  @Field(() => String, { nullable: true, description: 'The checkpoint (pageInfo.endCursor) of the last page you saved. Absent: a new feed from since.' })
  @IsOptional()
  @MaxLength(MAX_CHECKPOINT_CHARS)
  after?: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'A new feed starts with the sessions that started at or after this instant (at most 366 days ago; default 30 days ago). Only without after.' })
  since?: Date | null;

  @Field(() => CallSessionChangeFilterInput, { nullable: true, description: 'Which accounts to follow (default: every account of your key).' })
  @IsOptional()
  @ValidateNested()
  filter?: CallSessionChangeFilterInput | null;
}
