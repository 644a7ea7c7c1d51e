// Apollo Server as this product runs it. Choices that differ from Apollo's defaults, and why:
// - landing page disabled: Apollo's loads from its CDN; GraphiQL (plugins/graphiql.ts) is served offline instead;
// - introspection on in every NODE_ENV: GraphiQL users and codegen need the schema, and it is public anyway;
// - no stack traces in any NODE_ENV, and formatError maps every error to the closed ErrorCode enum;
// - automatic persisted queries off: their protocol errors (PERSISTED_QUERY_NOT_FOUND) are outside the closed
//   enum; clients fall back to sending the full query on "PersistedQueryNotSupported", the message we keep;
// - csrfPrevention on (the default), which also keeps simple cross-site GETs from running queries;
// - stopOnTerminationSignals off: shutdown.ts owns signals and stops Apollo after the HTTP server has drained;
// - cache-control plugin off (plugins/no-store.ts sends its header): no plugin may hook `willResolveField`, which
//   makes Apollo wrap every field resolver and call the hook for every field of every response.
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../logger.js';
import { createApolloFormatError } from './plugins/error-formatting.js';
import { limitParseOptions, limitValidationRules, type QueryLimits } from './plugins/limits.js';
import { metricsApolloPlugin, type ServerMetrics } from './plugins/metrics.js';
import { noStoreApolloPlugin } from './plugins/no-store.js';
import type { ResponseTypeMemo } from './plugins/response-type.js';
import { operationScopeApolloPlugin } from './plugins/request-id.js';
import { unavailableApolloPlugin } from './plugins/unavailable.js';

export interface ApolloOptions {
  schema: GraphQLSchema;
  logger: Logger;
  nodeEnv: string;
  limits: QueryLimits;
  metrics: ServerMetrics;
  responseTypes: ResponseTypeMemo;
}

export async function startApollo(options: ApolloOptions): Promise<ApolloServer<BaseContext>> {
  const apollo = new ApolloServer<BaseContext>({
    schema: options.schema,
    logger: options.logger.child({ component: 'apollo' }),
    nodeEnv: options.nodeEnv,
    formatError: createApolloFormatError(options.logger),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    csrfPrevention: true,
    persistedQueries: false,
    allowBatchedHttpRequests: false,
    stopOnTerminationSignals: false,
    parseOptions: limitParseOptions(options.limits),
    validationRules: limitValidationRules(options.limits),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStoreApolloPlugin(),
      options.responseTypes.plugin(),
      operationScopeApolloPlugin(),
      metricsApolloPlugin(options.metrics),
      unavailableApolloPlugin(),
    ],
  });
  await apollo.start();
  return apollo;
}
