// Weights of expensive fields for the query cost (src/access/cost/estimator.ts), set with type-graphql's
// `complexity` option next to the field. A weight is the field's own cost per call; list sizing still applies.
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';

/** A full-text search (ranked GIN scan) against a plain keyset listing. */
export const TEXT_SEARCH_WEIGHT = 10;
/** One row through a TensorFlow.js model. */
export const PREDICT_ROW_WEIGHT = 2;

/** For list queries with `filter.text`: a search costs more than a listing. */
export const searchWeight = ({ args }: ComplexityEstimatorArgs): number => {
  const filter = args['filter'] as { text?: unknown } | null | undefined;
  return typeof filter?.text === 'string' && filter.text.trim() !== '' ? 1 + TEXT_SEARCH_WEIGHT : 1;
};

/** For predict: every input row runs through the model. */
export const predictWeight = ({ args }: ComplexityEstimatorArgs): number => {
  const rows = Array.isArray(args['inputs']) ? args['inputs'].length : 1;
  return 1 + PREDICT_ROW_WEIGHT * rows;
};
