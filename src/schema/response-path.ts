import { GraphQLResolveInfo } from 'graphql';

/** The response path of a field as a list (its alias, not its name, where the client gave one). */
export function responsePath(path: GraphQLResolveInfo['path']): Array<string | number> {
  const out: Array<string | number> = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = path; p; p = p.prev) out.unshift(p.key);
  return out;
}
