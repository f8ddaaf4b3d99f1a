import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';

@ObjectType('Recording', { description: 'A call recording. Its bytes stream through this server; vendor credentials never appear in the url.' })
export class RecordingType {
  @Field(() => ID, { description: 'Global, opaque id.' })
  id!: string;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the recording started.' })
  startTime!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Length in seconds, where known.' })
  duration!: number | null;

  @Field(() => String, { nullable: true, description: 'MIME type of the audio, where known before download (audio/mpeg, audio/wav).' })
  contentType!: string | null;

  @Field(() => String, { description: "Signed, expiring URL of this server's recording route; supports Range requests." })
  url!: string;

  @Field(() => DateTimeResolver, { description: 'When url stops working (ask for the field again to get a fresh one).' })
  expiresAt!: Date;
}
