import { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** Whether the operation selects any of `names` on the connection's edges.node (fragments included). */
export function selectsNodeFields(info: GraphQLResolveInfo, names: readonly string[]): boolean {
  return nodeSelections(info).some((node) => fieldsOf(node.selectionSet, info.fragments).some((f) => names.includes(f.name.value)));
}

/** Whether the operation selects a field named `name` anywhere under the connection's edges.node. */
export function selectsUnderNode(info: GraphQLResolveInfo, name: string): boolean {
  const anywhere = (set: SelectionSetNode | undefined, depth: number): boolean =>
    depth <= 20 && fieldsOf(set, info.fragments).some((f) => f.name.value === name || anywhere(f.selectionSet, depth + 1));
  return nodeSelections(info).some((node) => anywhere(node.selectionSet, 0));
}

/** The connection's `edges { node }` selections, every one the operation makes. */
function nodeSelections(info: GraphQLResolveInfo): FieldNode[] {
  return info.fieldNodes.flatMap((field) => childFields(field.selectionSet, info.fragments, 'edges')).flatMap((edges) => childFields(edges.selectionSet, info.fragments, 'node'));
}

function childFields(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, name: string): FieldNode[] {
  return fieldsOf(set, fragments).filter((f) => f.name.value === name);
}

function fieldsOf(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, depth = 0): FieldNode[] {
  if (!set || depth > 20) return [];
  return set.selections.flatMap((selection) => {
    if (selection.kind === 'Field') return [selection];
    if (selection.kind === 'InlineFragment') return fieldsOf(selection.selectionSet, fragments, depth + 1);
    const fragment = fragments[selection.name.value];
    return fragment ? fieldsOf(fragment.selectionSet, fragments, depth + 1) : [];
  });
}
