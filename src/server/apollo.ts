// Apollo Server as this product runs it. Choices that differ from Apollo's defaults, and why:
// - landing page disabled: Apollo's loads from its CDN; GraphiQL (plugins/graphiql.ts) is served offline instead;
// - introspection and "did you mean" suggestions only with INTROSPECTION=on (default outside production): codegen
//   reads schema.graphql from the repository, and a production schema need not be mapped by strangers;
// - no stack traces in any NODE_ENV, and formatError maps every error to the closed ErrorCode enum;
// - automatic persisted queries on (plugins/trusted-documents.ts preloads the generated client's documents); the
//   miss keeps Apollo's message "PersistedQueryNotFound" that clients look for (code BAD_USER_INPUT);
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
import type { AdmissionPolicy } from '../access/index.js';
import { accessApolloPlugin } from './plugins/access.js';
import type { PersistedQueryStore } from './plugins/trusted-documents.js';
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
  admission: AdmissionPolicy;
  introspection: boolean;
  /** Automatic persisted queries' store (preloaded with trusted documents). */
  persistedQueries: PersistedQueryStore;
  /** TRUSTED_DOCUMENTS=only: non-admins run only the preloaded documents. */
  trustedOnly: boolean;
}

export async function startApollo(options: ApolloOptions): Promise<ApolloServer<BaseContext>> {
  const apollo = new ApolloServer<BaseContext>({
    schema: options.schema,
    logger: options.logger.child({ component: 'apollo' }),
    nodeEnv: options.nodeEnv,
    formatError: createApolloFormatError(options.logger, { hideSuggestions: !options.introspection }),
    includeStacktraceInErrorResponses: false,
    introspection: options.introspection,
    csrfPrevention: true,
    persistedQueries: { cache: options.persistedQueries, ttl: null },
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
      accessApolloPlugin(options.schema, options.admission, options.trustedOnly ? options.persistedQueries : undefined),
      unavailableApolloPlugin(),
    ],
  });
  await apollo.start();
  return apollo;
}
