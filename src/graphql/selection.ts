// What a field's selection asks for, as a tree of field names, so a list can read exactly the columns its
// objects will be asked for (as PostGraphile does) instead of whole rows. Fragments and inline fragments are
// merged in; @skip/@include are ignored, so the tree is a superset of what executes: never too few columns.
// Computed once per field of a document: Apollo keeps parsed documents, so the same FieldNode comes back with
// every request of that operation.
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Field name → what is selected under it (empty for a leaf). Aliases are resolved to field names. */
export type SelectionTree = ReadonlyMap<string, SelectionTree>;

const EMPTY: SelectionTree = new Map();
const byField = new WeakMap<FieldNode, SelectionTree>();

function addSelections(
  into: Map<string, SelectionTree>,
  set: SelectionSetNode | undefined,
  info: Pick<GraphQLResolveInfo, 'fragments'>,
  seen: Set<string>,
): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const below = new Map(into.get(name) ?? EMPTY);
      addSelections(below, selection.selectionSet, info, seen);
      into.set(name, below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      addSelections(into, selection.selectionSet, info, seen);
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue; // validation refuses cycles; this keeps a broken document from looping
      addSelections(into, info.fragments[name]?.selectionSet, info, new Set([...seen, name]));
    }
  }
}

/** What is selected under the field being resolved. */
export function selectionOf(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): SelectionTree {
  const [first, ...more] = info.fieldNodes;
  if (!first) return EMPTY;
  if (more.length === 0) {
    const cached = byField.get(first);
    if (cached) return cached;
  }
  const tree = new Map<string, SelectionTree>();
  for (const node of info.fieldNodes) addSelections(tree, node.selectionSet, info, new Set());
  if (more.length === 0) byField.set(first, tree);
  return tree;
}

/** What a connection's objects are asked for: `nodes { … }` and `edges { node { … } }` together. */
export function nodeSelection(connection: SelectionTree): SelectionTree {
  const nodes = connection.get('nodes');
  const edgeNodes = connection.get('edges')?.get('node');
  if (!edgeNodes) return nodes ?? EMPTY;
  if (!nodes) return edgeNodes;
  return mergeTrees(nodes, edgeNodes);
}

function mergeTrees(a: SelectionTree, b: SelectionTree): SelectionTree {
  const merged = new Map(a);
  for (const [name, below] of b) merged.set(name, merged.has(name) ? mergeTrees(merged.get(name)!, below) : below);
  return merged;
}

/**
 * The record fields that resolving `selection` reads, from `needs` (GraphQL field → record fields); null when a
 * selected field is not listed (a field another module adds, say): then the whole record is read.
 */
export function fieldsNeeded<F extends string>(
  selection: SelectionTree,
  needs: Readonly<Record<string, readonly F[]>>,
): F[] | null {
  const fields = new Set<F>();
  for (const name of selection.keys()) {
    if (name === '__typename') continue;
    const read = Object.hasOwn(needs, name) ? needs[name] : undefined;
    if (!read) return null;
    for (const field of read) fields.add(field);
  }
  return [...fields];
}
