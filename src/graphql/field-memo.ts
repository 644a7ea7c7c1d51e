// Work a relation field does alike for every parent of one request: checking its arguments, building its list
// query, finding its loader. A list of 50 repositories calls `contributors(first: 10)` 50 times with the same
// arguments (one field of the document, one set of variables): this computes it once per request and field.
import type { FieldNode, GraphQLResolveInfo } from 'graphql';

const byRequest = new WeakMap<object, WeakMap<FieldNode, Map<string, unknown>>>();

/**
 * `compute()` once per request (`context`) and field of the document (`info`; its parent type too, since one
 * field node of an abstract selection can run for several types). Only for values that depend on nothing but the
 * field's arguments and the request.
 */
export function oncePerField<T>(context: object, info: GraphQLResolveInfo, compute: () => T): T {
  const node = info.fieldNodes[0];
  if (!node || info.fieldNodes.length > 1) return compute();
  let fields = byRequest.get(context);
  if (!fields) byRequest.set(context, (fields = new WeakMap()));
  let byType = fields.get(node);
  if (!byType) fields.set(node, (byType = new Map<string, unknown>()));
  const type = info.parentType.name;
  if (byType.has(type)) return byType.get(type) as T;
  const value = compute();
  byType.set(type, value);
  return value;
}
