// One graphql-ws operation prepared the way Apollo prepares an HTTP one: parsed with the same token limit,
// validated with the same rules, its context created fresh, and request errors tagged with the codes Apollo uses,
// so formatGraphQLError treats both transports alike. Syntax errors become error messages for that operation
// instead of graphql-ws's default (closing the whole socket).
import { createHash, randomUUID } from 'node:crypto';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type GraphQLSchema,
  type ValidationRule,
  type ParseOptions,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { admitCost, assessCost, type Actor, type AdmissionPolicy, type CostVerdict } from '../../access/index.js';
import { AppError } from '../../errors.js';
import { checkTrusted, type PersistedQueryStore } from '../plugins/trusted-documents.js';
import type { Logger } from '../../logger.js';
import { contextCreationError } from '../plugins/error-formatting.js';
import type { RequestInfo } from '../types.js';

export interface WsOperationState {
  requestId: string;
  logger: Logger;
  name: string | undefined;
  type: string | undefined;
  /** Whether any error was sent for it. */
  failed: boolean;
  /** Its cost, once measured: sent in the extensions of its first result (a subscription's first event). */
  cost?: CostVerdict;
  costReported?: boolean;
}

export interface PrepareOptions {
  schema: GraphQLSchema;
  parseOptions: ParseOptions;
  validationRules: readonly ValidationRule[];
  createContext(request: RequestInfo): object | Promise<object>;
  admission: AdmissionPolicy;
  persistedQueries: PersistedQueryStore;
  trustedOnly: boolean;
}

/** The sha256Hash of `extensions.persistedQuery`, as on HTTP. */
function persistedHash(extensions: Record<string, unknown> | null | undefined): string | undefined {
  const persisted = extensions?.['persistedQuery'] as { sha256Hash?: unknown } | undefined;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

/** Re-raises `error` with an Apollo request-error code (and the same message, locations and cause). */
export function asRequestError(error: unknown, code: string): GraphQLError {
  if (error instanceof GraphQLError) {
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      originalError: error,
      extensions: { code },
    });
  }
  return new GraphQLError(error instanceof Error ? error.message : String(error), { extensions: { code } });
}

export function newOperationState(
  logger: Logger,
  connectionId: string,
  operationId: string,
  payload: SubscribePayload,
): WsOperationState {
  const requestId = randomUUID();
  return {
    requestId,
    logger: logger.child({ requestId, connectionId, operationId }),
    name: payload.operationName ?? undefined,
    type: undefined,
    failed: false,
  };
}

/** ExecutionArgs to run, or the request errors to send instead. */
export async function prepareOperation(
  options: PrepareOptions,
  state: WsOperationState,
  payload: SubscribePayload,
  headers: Record<string, string | undefined>,
  viewer: Actor,
): Promise<ExecutionArgs | GraphQLError[]> {
  const hash = persistedHash(payload.extensions);
  const query = payload.query || (hash !== undefined ? options.persistedQueries.lookup(hash) : undefined);
  if (!query) {
    const message = hash !== undefined ? 'PersistedQueryNotFound' : 'The operation has no query';
    return [asRequestError(new GraphQLError(message), 'PERSISTED_QUERY_NOT_FOUND')];
  }
  if (options.trustedOnly) {
    const refusal = checkTrusted(options.persistedQueries, createHash('sha256').update(query).digest('hex'), viewer);
    if (refusal) return [new GraphQLError(refusal.message, { originalError: refusal })];
  }
  let document;
  try {
    document = parse(query, options.parseOptions);
  } catch (error) {
    return [asRequestError(error, 'GRAPHQL_PARSE_FAILED')];
  }
  const validationErrors = validate(options.schema, document, [...specifiedRules, ...options.validationRules]);
  if (validationErrors.length > 0)
    return validationErrors.map((error) => asRequestError(error, 'GRAPHQL_VALIDATION_FAILED'));

  const operation = getOperationAST(document, payload.operationName);
  if (!operation) {
    const message = payload.operationName
      ? `Unknown operation named "${payload.operationName}".`
      : 'Must provide operation name if query contains multiple operations.';
    return [asRequestError(new GraphQLError(message), 'OPERATION_RESOLUTION_FAILURE')];
  }
  state.name = operation.name?.value;
  state.type = operation.operation;

  // Admission as on HTTP (plugins/access.ts): cost limit, then the caller's rate-limit budget.
  try {
    const op = { schema: options.schema, document, operationName: payload.operationName, variables: payload.variables };
    state.cost = assessCost(options.admission, viewer, op);
    if (state.cost) await admitCost(options.admission, viewer, state.cost);
  } catch (error) {
    if (error instanceof AppError) return [new GraphQLError(error.message, { originalError: error })];
    throw error;
  }

  let contextValue: object;
  try {
    contextValue = await options.createContext({ requestId: state.requestId, logger: state.logger, headers, viewer });
  } catch (error) {
    return [contextCreationError(error)];
  }
  return {
    schema: options.schema,
    document,
    operationName: payload.operationName,
    variableValues: payload.variables,
    contextValue,
  };
}
