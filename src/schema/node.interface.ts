import { Field, ID, InterfaceType } from 'type-graphql';

/** Relay's Node: any object that can be fetched again by its global id. */
@InterfaceType('Node', {
  description: 'An object with a global id that can be fetched again with the node query (Relay Global Object Identification).',
  // Only an Extension has an extension number, and only a Recording a content type.
  resolveType: (value: Record<string, unknown>) => ('extensionNumber' in value ? 'Extension' : 'contentType' in value ? 'Recording' : 'CallSession'),
})
export abstract class NodeType {
  @Field(() => ID, { description: 'Global, opaque id.' })
  id!: string;
}
