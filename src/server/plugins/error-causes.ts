// Recognising what an error means once it has been wrapped by graphql-js (originalError); whether a dependency
// could not be reached is src/lib/unreachable.ts's to tell. Used by error-formatting.ts.
import { GraphQLError } from 'graphql';

/** The error and what it wraps through GraphQLError.originalError, outermost first. */
export function originalErrorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 10 && !chain.includes(current)) {
    chain.push(current);
    current = current instanceof GraphQLError ? current.originalError : undefined;
  }
  return chain;
}

/** The deepest wrapped error: the one whose stack says where things went wrong. */
export function rootCause(error: unknown): unknown {
  const chain = originalErrorChain(error);
  return chain[chain.length - 1] ?? error;
}

export { findUnreachableDependency } from '../../lib/unreachable.js';

/** class-validator's ValidationError, as type-graphql's ArgumentValidationError carries it. */
interface ClassValidatorError {
  property: string;
  constraints?: Record<string, string>;
  children?: ClassValidatorError[];
}

export interface FieldViolation {
  /** Dotted path of the failing input field, e.g. `input.title`. */
  field: string;
  /** Constraint name → message, as class-validator words it. */
  constraints: Record<string, string>;
}

/**
 * Flattens class-validator errors into one entry per failing field. The rejected values and target objects are
 * left out on purpose: they can be large or hold secrets, and the client already has them.
 */
export function flattenViolations(errors: unknown, parent = ''): FieldViolation[] {
  if (!Array.isArray(errors)) return [];
  return (errors as ClassValidatorError[]).flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : String(error.property);
    const own: FieldViolation[] = error.constraints ? [{ field: path, constraints: { ...error.constraints } }] : [];
    return [...own, ...flattenViolations(error.children, path)];
  });
}
