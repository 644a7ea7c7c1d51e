// Refuses operations with more aliased fields than a limit, before execution. Aliases are how one request asks for
// the same expensive field many times (`a1: search(...) a2: search(...) ...`), which depth alone does not bound.
// Not in the GraphQL spec (https://spec.graphql.org/October2021/#sec-Field-Alias); a server-side safety limit.
//
// Aliases inside fragments count once per spread, since each spread executes them again.
import { GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

export function createMaxAliasesRule(maxAliases: number): ValidationRule {
  return function MaxAliasesRule(context: ValidationContext) {
    const fragmentAliases = new Map<string, number>();

    function aliasesIn(selectionSet: SelectionSetNode, enteredFragments: Set<string>): number {
      let count = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.alias) count += 1;
          if (selection.selectionSet) count += aliasesIn(selection.selectionSet, enteredFragments);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          count += aliasesIn(selection.selectionSet, enteredFragments);
        } else {
          count += aliasesInFragment(selection.name.value, enteredFragments);
        }
      }
      return count;
    }

    function aliasesInFragment(name: string, enteredFragments: Set<string>): number {
      const known = fragmentAliases.get(name);
      if (known !== undefined) return known;
      const fragment = context.getFragment(name);
      if (!fragment || enteredFragments.has(name)) return 0; // unknown or cyclic: other rules report those
      enteredFragments.add(name);
      const count = aliasesIn(fragment.selectionSet, enteredFragments);
      enteredFragments.delete(name);
      fragmentAliases.set(name, count);
      return count;
    }

    return {
      OperationDefinition(operation) {
        const count = aliasesIn(operation.selectionSet, new Set());
        if (count > maxAliases) {
          context.reportError(
            new GraphQLError(
              `Operation uses ${count} aliases; the limit is ${maxAliases}. Request the data in fewer aliased fields (use list arguments or several requests).`,
              { nodes: [operation] },
            ),
          );
        }
        return false;
      },
    };
  };
}
