// The cost of one operation of a parsed, validated document (see estimator.ts for the rules), or undefined when
// its variables do not coerce: execution then refuses them itself, with graphql-js's message, before any resolver
// runs, so nothing is lost by not measuring.
//
// The cost depends only on the document, the operation and the variables (the schema is fixed), and Apollo hands
// the same DocumentNode to every request of a cached operation: costs are remembered per document, for a bounded
// number of operation/variables combinations each, so a hot operation is traversed once, not per request.
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { costEstimator } from './estimator.js';

/** Operation/variables combinations remembered per document (a list paged by many cursors makes many). */
const COMBINATIONS_PER_DOCUMENT = 64;
const MAX_KEY_LENGTH = 2_048;
const remembered = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number | undefined>>>();

function computeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? {},
      estimators: [costEstimator],
    });
  } catch {
    return undefined;
  }
}

export function measureCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number | undefined {
  let documents = remembered.get(schema);
  if (!documents) remembered.set(schema, (documents = new WeakMap()));
  let costs = documents.get(document);
  if (!costs) documents.set(document, (costs = new Map<string, number | undefined>()));
  const key = `${operationName ?? ''}\u0000${variables ? JSON.stringify(variables) : ''}`;
  // Large variables (predict's input rows) are not worth keeping: measured each time.
  if (key.length > MAX_KEY_LENGTH) return computeCost(schema, document, operationName, variables);
  if (costs.has(key)) return costs.get(key);
  const cost = computeCost(schema, document, operationName, variables);
  if (costs.size >= COMBINATIONS_PER_DOCUMENT) costs.clear();
  costs.set(key, cost);
  return cost;
}
