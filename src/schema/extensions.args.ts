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
  @Field(() => Int, { defaultValue: 50, description: 'At most this many extensions, 1 to 100.' })
  @Min(1)
  @Max(100)
  first!: number;

  @Field(() => String, { nullable: true, description: 'A cursor of the last page (pageInfo.endCursor): the extensions after it.' })
  @IsOptional()
  @MaxLength(2048)
  after?: string | null;

  @Field(() => ExtensionFilterInput, { nullable: true, description: 'Which extensions (default: every extension of every account of your key).' })
  @IsOptional()
  @ValidateNested()
  filter?: ExtensionFilterInput | null;
}
