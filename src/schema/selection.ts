import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Names of the fields selected directly under the field being resolved, through fragments. A field under @skip or
 * @include is left out: whether it runs depends on variables, and what this tells is what surely runs.
 */
export function selectedFieldNames(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.directives?.length) continue;
      if (selection.kind === 'Field') names.add(selection.name.value);
      else if (selection.kind === 'InlineFragment') visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}
