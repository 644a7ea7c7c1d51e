// Admission on HTTP: once Apollo has parsed and validated the operation, its cost is measured and checked against
// the caller's limit, then charged to their rate-limit budget, all before execution. Every response carries
// `extensions.cost { requested, limit }` and the RateLimit-* headers; a refusal is a request error with the status
// its code means (400 over the cost limit, 429 with Retry-After over the budget, 403 for an untrusted document
// under TRUSTED_DOCUMENTS=only).
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import {
  admitCost,
  assessCost,
  rateLimitHeaders,
  type Actor,
  type AdmissionPolicy,
  type CostVerdict,
  type RateLimitState,
} from '../../access/index.js';
import { AppError, httpStatusOf } from '../../errors.js';
import { checkTrusted, type PersistedQueryStore } from './trusted-documents.js';

const viewerOf = (context: BaseContext): Actor => (context as { viewer: Actor }).viewer;

/** The AppError as a request error Apollo answers with its status and headers (formatError keeps code and details). */
function refusal(error: AppError, headers: Record<string, string>): GraphQLError {
  // Apollo iterates `http.headers` as a Map; a dependency's typing of the extension says Record.
  const http = { status: httpStatusOf[error.code], headers: new HeaderMap(Object.entries(headers)) };
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, http: http as unknown as { status: number; headers: Record<string, string> } },
  });
}

export function accessApolloPlugin(
  schema: GraphQLSchema,
  policy: AdmissionPolicy,
  /** With TRUSTED_DOCUMENTS=only: the documents non-admins may run. */
  trusted?: PersistedQueryStore,
): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      let cost: CostVerdict | undefined;
      let rateLimit: RateLimitState | undefined;
      return {
        async didResolveOperation({ contextValue, document, operationName, request, queryHash }) {
          const viewer = viewerOf(contextValue);
          const untrusted = trusted && checkTrusted(trusted, queryHash, viewer);
          if (untrusted) throw refusal(untrusted, {});
          const op = { schema, document, operationName, variables: request.variables };
          try {
            cost = assessCost(policy, viewer, op);
            if (cost) rateLimit = await admitCost(policy, viewer, cost);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            const state = error.details?.['rateLimit'] as RateLimitState | undefined;
            throw refusal(error, state ? rateLimitHeaders(state, true) : {});
          }
        },
        async willSendResponse({ response }) {
          if (rateLimit)
            for (const [name, value] of Object.entries(rateLimitHeaders(rateLimit, false)))
              response.http.headers.set(name, value);
          if (cost && response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost };
          }
        },
      };
    },
  };
}
