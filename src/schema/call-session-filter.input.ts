import { ArrayMaxSize, IsOptional, Matches, Max, Min } from 'class-validator';
import { PHONE_FORMS } from '../history/normalized-filter';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CallDirection, CallResult } from '../domain/enums';
import { AccountFilterInput } from './account-filter.input';
import { IsGlobalIdOf, IsPhoneNumber, IsWindowStart } from './validators';

@InputType('CallSessionFilter', { description: 'Which call sessions to list. All conditions must hold.' })
export class CallSessionFilterInput extends AccountFilterInput {
  @Field(() => DateTimeResolver, { nullable: true, description: 'Earliest start time (inclusive, with offset). When absent: 30 days before to.' })
  @IsOptional()
  @IsWindowStart()
  from?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Latest start time (inclusive, with offset). When absent: now. At most 366 days after from.' })
  to?: Date | null;

  @Field(() => [CallDirection], { nullable: true, description: 'Only these directions (at most 20).' })
  @IsOptional()
  @ArrayMaxSize(20)
  directions?: CallDirection[] | null;

  @Field(() => [CallResult], { nullable: true, description: 'Only these normalized results (at most 20).' })
  @IsOptional()
  @ArrayMaxSize(20)
  results?: CallResult[] | null;

  @Field(() => String, { nullable: true, description: `Only calls where either party has this number: ${PHONE_FORMS}.` })
  @IsOptional()
  @IsPhoneNumber()
  phoneNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'The country (ISO 3166 alpha-2, e.g. "US") a national phoneNumber is read with, instead of each account\'s default country.' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166 alpha-2 country code such as "US"' })
  phoneCountry?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only calls owned by, from or to one of these extensions (global Extension ids).' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsGlobalIdOf('Extension', { each: true })
  extensionIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only calls with (true) or without (false) a recording.' })
  hasRecording?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Only calls lasting at least this many seconds.' })
  @IsOptional()
  @Min(0)
  @Max(86_400)
  minDuration?: number | null;
}
