// Error masking: every error a client receives carries exactly one code of the closed ErrorCode enum and an
// `extensions.http.status`, and nothing else from the original error (no stack trace, no driver message, in any
// NODE_ENV). Applied by Apollo (formatError) and by the graphql-ws adapter to every error it sends.
//
// | What was thrown / raised                                   | code           | message sent                    | http.status |
// |------------------------------------------------------------|----------------|---------------------------------|-------------|
// | AppError                                                   | its code       | its message (+ details spread)  | httpStatusOf|
// | Parse/validation/variable errors, bad HTTP request, limits | BAD_USER_INPUT | kept: it says what to fix       | 400 (405…)  |
// | type-graphql ArgumentValidationError (class-validator)     | BAD_USER_INPUT | the violated constraints        | 400         |
// | type-graphql AuthenticationError / AuthorizationError      | UNAUTHENTICATED / FORBIDDEN | kept               | 401 / 403   |
// | GraphQLError thrown with a non-INTERNAL closed-enum code   | that code      | kept (deliberate)               | httpStatusOf|
// | Database / Redis unreachable (ECONNREFUSED, P1001, 57P01…)  | UNAVAILABLE    | …unavailable; retry in N s      | 503         |
// | Anything else                                              | INTERNAL       | "Internal server error"; logged | 500         |
//
// `extensions.http.status` is the status this error means on its own. The response's status follows GraphQL over
// HTTP: request errors (the document was never executed: parse, validation, limits, GET mutation, failed context
// creation) set it; execution errors never do, since other fields may have data: a query whose only error is
// NOT_FOUND still answers 200 and the client reads `errors`. One exception: an operation that failed as a whole
// because a dependency is down (no data, every error UNAVAILABLE) answers 503 with Retry-After (unavailable.ts).
// Such failures are logged once per outage (outage-log.ts), not once per request.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import { AppError, ErrorCode, httpStatusOf } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { currentRequestScope } from '../request-scope.js';
import { OutageLog } from './outage-log.js';
import { findUnreachableDependency, flattenViolations, originalErrorChain, rootCause } from './error-causes.js';

/** Codes Apollo (and our graphql-ws adapter, likewise) puts on errors raised before execution: the request is wrong. */
export const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
]);

const CLOSED_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));
const isClosedCode = (code: unknown): code is ErrorCode => typeof code === 'string' && CLOSED_CODES.has(code);
const MAX_VIOLATIONS_IN_MESSAGE = 5;

export interface ErrorClassification {
  code: ErrorCode;
  message: string;
  status: number;
  /** Safe, client-facing additions to `extensions`. */
  extensions?: Record<string, unknown>;
  /** Set when the original must be logged (it is not sent). */
  logAs?: string;
  /** Set when a dependency could not be reached: counted in its outage, not logged per request. */
  outage?: string;
}

/** Seconds a client is told to wait before retrying an operation that failed because a dependency is down. */
export const RETRY_AFTER_SECONDS = 5;

const outages = new OutageLog();

function declaredHttpStatus(error: GraphQLError): number | undefined {
  const http = error.extensions['http'];
  const status = typeof http === 'object' && http !== null ? (http as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 ? status : undefined;
}

function fromArgumentValidation(error: ArgumentValidationError): ErrorClassification {
  const violations = flattenViolations(error.extensions['validationErrors']);
  const problems = violations.flatMap((violation) => Object.values(violation.constraints));
  const shown = problems.slice(0, MAX_VIOLATIONS_IN_MESSAGE).join('; ');
  const more =
    problems.length > MAX_VIOLATIONS_IN_MESSAGE ? ` (and ${problems.length - MAX_VIOLATIONS_IN_MESSAGE} more)` : '';
  return {
    code: ErrorCode.BAD_USER_INPUT,
    message: problems.length > 0 ? `Invalid arguments: ${shown}${more}` : 'Invalid arguments',
    status: httpStatusOf.BAD_USER_INPUT,
    extensions: { validationErrors: violations },
  };
}

/** Decides what the client may learn about `error`. Pure: logging is the caller's business (see `logAs`). */
export function classifyError(error: unknown): ErrorClassification {
  const chain = originalErrorChain(error);
  // Known classes first, anywhere in the chain: graphql-js copies an original GraphQLError's extensions onto the
  // located error wrapping it, so the outer error's code may be the inner one's (ArgumentValidationError's).
  for (const node of chain) {
    if (node instanceof AppError) {
      return {
        code: node.code,
        message: node.message,
        status: httpStatusOf[node.code],
        ...(node.details ? { extensions: { ...node.details } } : {}),
        // An AppError(INTERNAL) is deliberate, but still a server-side failure someone must look at.
        ...(node.code === ErrorCode.INTERNAL ? { logAs: 'internal AppError' } : {}),
      };
    }
    if (node instanceof ArgumentValidationError) return fromArgumentValidation(node);
    if (node instanceof AuthenticationError)
      return { code: ErrorCode.UNAUTHENTICATED, message: node.message, status: 401 };
    if (node instanceof AuthorizationError) return { code: ErrorCode.FORBIDDEN, message: node.message, status: 403 };
  }
  for (const node of chain) {
    if (!(node instanceof GraphQLError)) continue;
    const code = node.extensions['code'];
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return { code: ErrorCode.BAD_USER_INPUT, message: node.message, status: declaredHttpStatus(node) ?? 400 };
    }
    if (isClosedCode(code) && code !== ErrorCode.INTERNAL)
      return { code, message: node.message, status: httpStatusOf[code] };
  }
  const dependency = findUnreachableDependency(error);
  if (dependency !== undefined) {
    return {
      code: ErrorCode.UNAVAILABLE,
      message: `Service temporarily unavailable: ${dependency} cannot be reached; retry in ${RETRY_AFTER_SECONDS} s`,
      status: 503,
      extensions: { retryAfter: RETRY_AFTER_SECONDS },
      outage: dependency,
    };
  }
  return {
    code: ErrorCode.INTERNAL,
    message: 'Internal server error',
    status: 500,
    logAs: 'unexpected error masked as INTERNAL',
  };
}

/** The error as the client receives it. Logs the original (with the request id, through `logger`) when masked. */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: Logger,
  options: FormatOptions = {},
): GraphQLFormattedError {
  const verdict = classifyError(error);
  // graphql-js names close matches of unknown fields and arguments: a map of the schema for whoever probes it.
  if (options.hideSuggestions) verdict.message = verdict.message.replace(SUGGESTION, '');
  if (verdict.logAs !== undefined) {
    logger.error({ err: rootCause(error), code: verdict.code, graphqlPath: formatted.path }, verdict.logAs);
  }
  if (verdict.outage !== undefined) outages.report(logger, verdict.outage, rootCause(error));
  return {
    message: verdict.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    // code and http last: details can never overwrite them.
    extensions: { ...verdict.extensions, code: verdict.code, http: { status: verdict.status } },
  };
}

export interface FormatOptions {
  /** Strip graphql-js's "Did you mean …?" (on with INTROSPECTION=off). */
  hideSuggestions?: boolean;
}

const SUGGESTION = / ?Did you mean [^?]*\?$/;

const LAST_RESORT: GraphQLFormattedError = {
  message: 'Internal server error',
  extensions: { code: ErrorCode.INTERNAL, http: { status: 500 } },
};

/** Apollo's `formatError`. It never throws: Apollo would answer its own INTERNAL_SERVER_ERROR code instead. */
export function createApolloFormatError(fallbackLogger: Logger, options: FormatOptions = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const logger = currentRequestScope()?.logger ?? fallbackLogger;
    try {
      return formatGraphQLError(formatted, error, logger, options);
    } catch (formattingError) {
      logger.error({ err: formattingError }, 'formatting an error failed');
      return LAST_RESORT;
    }
  };
}

/**
 * Wraps a failure of `createContext` so the response gets the status it means (401 for an UNAUTHENTICATED
 * AppError, 503 when the database is down) instead of Apollo's blanket 500. The message is replaced by
 * formatGraphQLError like any other.
 */
export function contextCreationError(error: unknown): GraphQLError {
  const originalError = error instanceof Error ? error : new Error(String(error));
  return new GraphQLError('Context creation failed', {
    originalError,
    extensions: { http: { status: classifyError(error).status } },
  });
}
