import { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** Where a connection's rows are: edges.node (the change feed's sessions are at edges.node.session). */
export const NODE_PATH: readonly string[] = ['edges', 'node'];

/** Whether the operation selects any of `names` on the rows at `path` (default edges.node; fragments included). */
export function selectsNodeFields(info: GraphQLResolveInfo, names: readonly string[], path: readonly string[] = NODE_PATH): boolean {
  return nodeSelections(info, path).some((node) => fieldsOf(node.selectionSet, info.fragments).some((f) => names.includes(f.name.value)));
}

/** Whether the operation selects a field named `name` anywhere under the rows at `path` (default edges.node). */
export function selectsUnderNode(info: GraphQLResolveInfo, name: string, path: readonly string[] = NODE_PATH): boolean {
  const anywhere = (set: SelectionSetNode | undefined, depth: number): boolean =>
    depth <= 20 && fieldsOf(set, info.fragments).some((f) => f.name.value === name || anywhere(f.selectionSet, depth + 1));
  return nodeSelections(info, path).some((node) => anywhere(node.selectionSet, 0));
}

/** The selections at `path` below the field (every one the operation makes). */
function nodeSelections(info: GraphQLResolveInfo, path: readonly string[]): FieldNode[] {
  return path.reduce<FieldNode[]>((fields, name) => fields.flatMap((field) => childFields(field.selectionSet, info.fragments, name)), [...info.fieldNodes]);
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
