import { Field, ID, InterfaceType } from 'type-graphql';

/** Relay's Node: any object that can be fetched again by its global id. */
@InterfaceType('Node', {
  description: 'An object with a global id that can be fetched again with the node query (Relay Global Object Identification).',
  resolveType: (value: Record<string, unknown>) => ('extensionNumber' in value ? 'Extension' : 'CallSession'),
})
export abstract class NodeType {
  @Field(() => ID, { description: 'Global, opaque id.' })
  id!: string;
}
