import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { CallDirection, CallResult, LegRole } from '../domain/enums';
import { ExtensionType } from './extension.type';
import { PartyType } from './party.type';
import { RecordingType } from './recording.type';

@ObjectType('CallLeg', { description: 'One leg (CDR) of a call session, in the order the vendor executed them.' })
export class CallLegType {
  @Field(() => Int, { description: 'Position in execution order, from 0.' })
  index!: number;

  @Field(() => String, { description: "The vendor's own leg type (RingCentral legType, Telphin cdr flow, ...)." })
  legType!: string;

  @Field(() => LegRole, { description: 'What the leg does in the call flow.' })
  role!: LegRole;

  @Field(() => Boolean, { nullable: true, description: 'True on the leg that mirrors the whole call, where the vendor marks one.' })
  master!: boolean | null;

  @Field(() => DateTimeResolver, { description: 'When the leg started.' })
  startTime!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the leg was answered; null when it was not.' })
  answerTime!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Length in seconds.' })
  duration!: number | null;

  @Field(() => CallDirection, { nullable: true, description: 'Direction of this leg, where the vendor gives one.' })
  direction!: CallDirection | null;

  @Field(() => CallResult, { description: 'Normalized outcome of the leg.' })
  result!: CallResult;

  @Field(() => String, { nullable: true, description: "The vendor's own result value, unchanged." })
  vendorResult!: string | null;

  @Field(() => PartyType, { description: 'The calling side of this leg.' })
  from!: PartyType;

  @Field(() => PartyType, { description: 'The called side of this leg.' })
  to!: PartyType;

  @Field(() => ID, { nullable: true, description: 'Global id of the extension this leg reached, kept even when the directory no longer knows it.' })
  extensionId!: string | null;

  @Field(() => ExtensionType, { nullable: true, description: 'The extension this leg reached, from the directory.' })
  extension!: ExtensionType | null;

  @Field(() => RecordingType, { nullable: true, description: 'The recording made on this leg, if any.' })
  recording!: RecordingType | null;
}
