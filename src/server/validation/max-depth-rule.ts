// Refuses operations nested deeper than a limit, before execution: each level can multiply the work (lists of
// lists of relations), so depth bounds the cost of a query a client may send. Not in the GraphQL spec; it is the
// kind of "strongly encouraged" rule graphql-js ships as recommendedRules (https://spec.graphql.org/October2021/#sec-Validation).
//
// Fragments are followed (depth is measured after spreading them). Introspection roots (__schema, __type) are not
// counted: graphql-js's MaxIntrospectionDepthRule, part of specifiedRules, already bounds them, and GraphiQL's
// introspection query is deeper than any sensible application limit.
import {
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

const INTROSPECTION_ROOTS: ReadonlySet<string> = new Set(['__schema', '__type']);

export function createMaxDepthRule(maxDepth: number): ValidationRule {
  return function MaxDepthRule(context: ValidationContext) {
    const fragmentDepths = new Map<string, number>();

    function depthOf(selectionSet: SelectionSetNode, enteredFragments: Set<string>): number {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (INTROSPECTION_ROOTS.has(selection.name.value)) continue;
          const below = selection.selectionSet ? depthOf(selection.selectionSet, enteredFragments) : 0;
          deepest = Math.max(deepest, 1 + below);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, enteredFragments));
        } else {
          deepest = Math.max(deepest, fragmentDepth(selection.name.value, enteredFragments));
        }
      }
      return deepest;
    }

    function fragmentDepth(name: string, enteredFragments: Set<string>): number {
      const known = fragmentDepths.get(name);
      if (known !== undefined) return known;
      // A cycle is NoFragmentCyclesRule's to report; here it must only not recurse forever.
      if (enteredFragments.has(name)) return 0;
      const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
      if (!fragment) return 0; // unknown fragment: KnownFragmentNamesRule reports it
      enteredFragments.add(name);
      const depth = depthOf(fragment.selectionSet, enteredFragments);
      enteredFragments.delete(name);
      fragmentDepths.set(name, depth);
      return depth;
    }

    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
        if (depth > maxDepth) {
          const name = operation.name ? `"${operation.name.value}" ` : '';
          context.reportError(
            new GraphQLError(
              `Operation ${name}is ${depth} levels deep; the limit is ${maxDepth}. Select fewer nested levels and fetch deeper data in a follow-up query.`,
              { nodes: [operation] },
            ),
          );
        }
        return false; // fragments are reached through their spreads
      },
    };
  };
}
