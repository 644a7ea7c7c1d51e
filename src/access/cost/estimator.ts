// How much an operation asks for, computed from the schema and the document before anything runs (demand
// control, as GitHub's API and Apollo's demand control do it). Roughly: the number of objects the response can
// hold, plus the weights of expensive fields.
//
//   leaf (scalar, enum)                         0
//   object field                                1 (or its declared weight) + what is selected under it
//   connection / list with first or last        weight + size × (what each item selects)
//       size = first ?? last ?? the default page size (20)
//   list sized by an argument (nodes(ids))      weight + ids.length × each item
//   other list of objects (Repository.topics)   weight + 10 × each item (an assumed length)
//   edges / nodes of a connection               size 1: the connection already multiplied
//   introspection (__schema, __type…)           0: the schema is bounded and INTROSPECTION can turn it off
//
// A field declares its weight with type-graphql's `complexity` option: a number, or a function of its arguments
// (predict charges per input row, a text search more than a plain listing). The weight replaces the field's own
// 1; list sizing still applies.
import {
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  type GraphQLCompositeType,
  type GraphQLField,
} from 'graphql';
import type { ComplexityEstimator, ComplexityEstimatorArgs } from 'graphql-query-complexity';

export const DEFAULT_LIST_SIZE = 20;
/** Assumed length of lists that take no size argument (topics of a repository, aliases of a model). */
export const UNSIZED_LIST_LENGTH = 10;

const isConnectionWrapper = (parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): boolean =>
  parent.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes');

const sizeArgument = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

function listSize({ type, field, args }: ComplexityEstimatorArgs): number {
  const sized = sizeArgument(args['first']) ?? sizeArgument(args['last']);
  if (sized !== undefined) return sized;
  if (field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) return DEFAULT_LIST_SIZE;
  if (Array.isArray(args['ids'])) return args['ids'].length;
  if (!isListType(getNullableType(field.type))) return 1;
  if (isConnectionWrapper(type, field)) return 1;
  return isLeafType(getNamedType(field.type)) ? 0 : UNSIZED_LIST_LENGTH;
}

export const costEstimator: ComplexityEstimator = (options) => {
  const { type, field, childComplexity } = options;
  if (type.name.startsWith('__') || field.name.startsWith('__')) return 0;
  const declared: unknown = field.extensions?.['complexity'];
  const own =
    typeof declared === 'function'
      ? Number((declared as ComplexityEstimator)(options) ?? 0)
      : typeof declared === 'number'
        ? declared
        : isLeafType(getNamedType(field.type))
          ? 0
          : 1;
  return own + listSize(options) * childComplexity;
};
