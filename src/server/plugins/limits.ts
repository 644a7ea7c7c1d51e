// Query cost limits, applied to HTTP (Apollo) and graphql-ws alike, all before execution. Breaking one is a
// request error: BAD_USER_INPUT with a message naming the limit, HTTP 400.
//   maxTokens   parse stops after this many tokens (graphql-js `maxTokens`): bounds parse and validation time,
//               which for some rules grows faster than the document.
//   maxDepth    nested selection levels (validation/max-depth-rule.ts).
//   maxAliases  aliased fields per operation, fragments expanded (validation/max-aliases-rule.ts).
import type { ParseOptions, ValidationRule } from 'graphql';
import { createMaxAliasesRule } from '../validation/max-aliases-rule.js';
import { createMaxDepthRule } from '../validation/max-depth-rule.js';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
}

// GraphiQL's full introspection query is under 200 tokens; the largest product queries a few hundred.
export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = Object.freeze({
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5_000,
});

export function resolveQueryLimits(overrides: Partial<QueryLimits> = {}): QueryLimits {
  return { ...DEFAULT_QUERY_LIMITS, ...overrides };
}

export function limitValidationRules(limits: QueryLimits): ValidationRule[] {
  return [createMaxDepthRule(limits.maxDepth), createMaxAliasesRule(limits.maxAliases)];
}

export function limitParseOptions(limits: QueryLimits): ParseOptions {
  return { maxTokens: limits.maxTokens };
}
