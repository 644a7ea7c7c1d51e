// The cost of one operation of a parsed, validated document (see estimator.ts for the rules), or undefined when
// its variables do not coerce: execution then refuses them itself, with graphql-js's message, before any resolver
// runs, so nothing is lost by not measuring.
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { costEstimator } from './estimator.js';

export function measureCost(
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
