import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { AccountFilterInput } from './account-filter.input';

@InputType('ExtensionFilter', { description: 'Which extensions to list. All conditions must hold.' })
export class ExtensionFilterInput extends AccountFilterInput {
  @Field(() => [String], { nullable: true, description: "Only these types, the vendors' own words, without case (e.g. User, queue, ivr; at most 20)." })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(64, { each: true })
  types?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Only extensions whose name, extension number or email contains this, without case.' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}

@ArgsType()
export class ExtensionsArgs {
  @Field(() => Int, { nullable: true, description: 'Forward: at most this many extensions after `after`, 1 to 100 (50 when neither first nor last is given). Not with last.' })
  @IsOptional()
  @Min(1)
  @Max(100)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor of the last page (pageInfo.endCursor): the extensions after it.' })
  @IsOptional()
  @MaxLength(2048)
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Backward: at most this many extensions before `before` (the end without it), 1 to 100, the one nearest `before` last. Not with first.' })
  @IsOptional()
  @Min(1)
  @Max(100)
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor (pageInfo.startCursor, or any edge cursor): the extensions before it; only with last.' })
  @IsOptional()
  @MaxLength(2048)
  before?: string | null;

  @Field(() => ExtensionFilterInput, { nullable: true, description: 'Which extensions (default: every extension of every account of your key).' })
  @IsOptional()
  @ValidateNested()
  filter?: ExtensionFilterInput | null;
}
