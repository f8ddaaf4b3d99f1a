import { IsOptional, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';

@InputType('LogCallContact', { description: "The CRM contact to log the call against (App Connect's contactInfo), when the person chose one." })
export class LogCallContactInput {
  @Field(() => String, { description: "The contact's id in the CRM." })
  @MaxLength(200)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Its type in the CRM (e.g. Contact, Lead).' })
  @IsOptional()
  @MaxLength(100)
  type?: string | null;

  @Field(() => String, { nullable: true, description: 'Its name.' })
  @IsOptional()
  @MaxLength(300)
  name?: string | null;
}

@ArgsType()
export class LogCallArgs {
  @Field(() => ID, { description: 'The call session (CallSession.id).' })
  @MaxLength(1000)
  sessionId!: string;

  @Field(() => String, { description: 'The name of one of your CRM connectors (crmConnectors).' })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/, { message: 'must be a connector name' })
  connector!: string;

  @Field(() => String, { nullable: true, description: "The agent's note: App Connect's note, written into the activity's \"Agent notes\"." })
  @IsOptional()
  @MaxLength(20_000)
  note?: string | null;

  @Field(() => LogCallContactInput, { nullable: true, description: "The contact to log against; absent: the connector's findContact by the call's outside number (the earliest-created match)." })
  @IsOptional()
  @ValidateNested()
  contact?: LogCallContactInput | null;
}
