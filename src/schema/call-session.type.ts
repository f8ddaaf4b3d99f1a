import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { CallDirection, CallResult, EndedBy } from '../domain/enums';
import { Provider } from '../domain/provider';
import { ProviderEnum } from './provider.enum';
import { CallLegType } from './call-leg.type';
import { ExtensionType } from './extension.type';
import { NodeType } from './node.interface';
import { PartyType } from './party.type';
import { RecordingType } from './recording.type';

@ObjectType('CallSession', { implements: NodeType, description: 'One call as a whole, from any vendor, with its legs and recordings.' })
export class CallSessionType extends NodeType {
  @Field(() => ID, { description: 'Global, opaque id (encodes provider, account and native id).' })
  override id!: string;

  @Field(() => ProviderEnum, { description: 'The vendor that handled the call.' })
  provider!: Provider;

  @Field(() => String, { description: 'The configured vendor account key.' })
  account!: string;

  @Field(() => String, { description: "The vendor's own id of the session." })
  nativeId!: string;

  @Field(() => DateTimeResolver, { description: 'When the call started.' })
  startTime!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the call was answered; null when it was not.' })
  answerTime!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the call ended.' })
  endTime!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Seconds from start to end.' })
  duration!: number | null;

  @Field(() => Int, { nullable: true, description: 'Seconds of conversation.' })
  talkDuration!: number | null;

  @Field(() => CallDirection, { description: 'Direction of the call as seen from the company.' })
  direction!: CallDirection;

  @Field(() => CallResult, { description: 'Normalized outcome of the call.' })
  result!: CallResult;

  @Field(() => String, { nullable: true, description: "The vendor's own result value, unchanged." })
  vendorResult!: string | null;

  @Field(() => PartyType, { description: 'Who called.' })
  from!: PartyType;

  @Field(() => PartyType, { description: 'Who was called.' })
  to!: PartyType;

  @Field(() => ID, { nullable: true, description: 'Global id of the owning extension, kept even when the directory no longer knows it.' })
  extensionId!: string | null;

  @Field(() => ExtensionType, { nullable: true, description: 'The extension that owns the call, resolved lazily from the directory.' })
  extension!: ExtensionType | null;

  @Field(() => EndedBy, { description: 'Who hung up, where the vendor says so.' })
  endedBy!: EndedBy;

  @Field(() => [CallLegType], { nullable: true, description: 'The legs (CDRs) in execution order; null (with an error) when the vendor could not be asked for them.' })
  legs!: CallLegType[] | null;

  @Field(() => JSONObjectResolver, {
    nullable: true,
    description:
      "The call as a RingCentral Detailed call-log record (the `callLog` RingCentral App Connect connectors take), for every vendor: ids are this session's global id, results and leg types in RingCentral's words, recordings as this server's signed links (docs/app-connect.md). Null (with an error) when the vendor could not be asked for the legs.",
  })
  ringCentralRecord!: Record<string, unknown> | null;

  @Field(() => [RecordingType], { nullable: true, description: "Every recording of the call (its own and its legs'), in start order; null (with an error) when the vendor could not be asked." })
  recordings!: RecordingType[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the call has at least one recording; null (with an error) when the vendor could not be asked.' })
  hasRecording!: boolean | null;

  @Field(() => CallResult, { nullable: true, description: 'Result of the leg that reached the caller; null when the call has no such leg.' })
  callerStatus!: CallResult | null;

  @Field(() => CallResult, { nullable: true, description: 'Result of the leg that reached the callee; null when the call has no such leg (a one-leg busy RingOut).' })
  calleeStatus!: CallResult | null;
}
