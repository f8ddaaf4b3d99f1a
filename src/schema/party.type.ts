import { Field, ID, ObjectType } from 'type-graphql';
import { ExtensionType } from './extension.type';

@ObjectType('Party', { description: 'One side of a call or a leg.' })
export class PartyType {
  @Field(() => String, { nullable: true, description: 'E.164 form of the number, or null when the raw value is not a phone number (an extension, a placeholder).' })
  phoneNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'The number exactly as the vendor sent it.' })
  rawNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Caller-id or directory name, where the vendor gives one.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Location of the number (for example "Palo Alto, CA"), where the vendor gives one.' })
  location!: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the extension on this side, kept even when the directory no longer knows it.' })
  extensionId!: string | null;

  @Field(() => ExtensionType, { nullable: true, description: 'The extension on this side, from the directory; null when there is none or it was deleted.' })
  extension!: ExtensionType | null;
}
