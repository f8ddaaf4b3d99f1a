import { Field, ID, ObjectType } from 'type-graphql';
import { Provider } from '../domain/provider';
import { ProviderEnum } from './provider.enum';
import { NodeType } from './node.interface';

@ObjectType('Extension', { implements: NodeType, description: "An entry of a vendor's extension directory (a user, queue, IVR menu, ...)." })
export class ExtensionType extends NodeType {
  @Field(() => ID, { description: 'Global, opaque id.' })
  override id!: string;

  @Field(() => ProviderEnum, { description: 'The vendor the extension lives at.' })
  provider!: Provider;

  @Field(() => String, { description: 'The configured vendor account key.' })
  account!: string;

  @Field(() => String, { description: "The vendor's own id of the extension." })
  nativeId!: string;

  @Field(() => String, { nullable: true, description: 'The short number dialled inside the company.' })
  extensionNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Display name.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: "The vendor's own extension type (User, Department, queue, ivr, ...)." })
  type!: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address, where the vendor knows it.' })
  email!: string | null;
}
