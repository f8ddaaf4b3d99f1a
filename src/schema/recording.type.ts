import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { NodeType } from './node.interface';

@ObjectType('Recording', {
  implements: NodeType,
  description: 'A call recording. Its bytes stream through this server; vendor credentials never appear in the url. node(id) reads it again.',
})
export class RecordingType extends NodeType {

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the recording started.' })
  startTime!: Date | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Length in seconds, where the vendor gives it: from the call list (CallGear, Telphin), or from the recording metadata (RingCentral: one rate-limited vendor request per recording, kept a day, read only when this field or contentType is selected).',
  })
  duration!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "MIME type of the audio (audio/mpeg, audio/wav) where the vendor says it before download: RingCentral's recording metadata (read like duration). Null for CallGear and Telphin, which do not say; the download's Content-Type is authoritative.",
  })
  contentType!: string | null;

  @Field(() => String, { description: "Signed, expiring URL of this server's recording route; supports Range requests." })
  url!: string;

  @Field(() => DateTimeResolver, { description: 'When url stops working (ask for the field again to get a fresh one).' })
  expiresAt!: Date;
}
