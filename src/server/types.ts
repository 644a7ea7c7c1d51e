// The server's contract with the composition root: what it needs (ServerDeps) and what it hands back.
import type http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { AccessControl, Actor } from '../access/index.js';
import type { PersistedQueryStore } from './plugins/trusted-documents.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { MetricsCollector } from './metrics/prometheus.js';
import type { QueryLimits } from './plugins/limits.js';

/** One dependency /ready probes (database, redis...). `check` resolves when usable and rejects with the reason. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** What a context factory learns about the request (an HTTP request or one graphql-ws operation). */
export interface RequestInfo {
  requestId: string;
  /** Child logger carrying the request id: log through it so every line of the request can be found. */
  logger: Logger;
  /**
   * Lower-cased request headers. Over graphql-ws these are the upgrade request's headers, overlaid with the
   * string values of the client's `connectionParams` (browsers cannot set headers on a WebSocket, so tokens
   * travel there).
   */
  headers: Record<string, string | undefined>;
  /** Who is asking: verified from the bearer token (HTTP) or connectionParams (graphql-ws), else anonymous. */
  viewer: Actor;
}

export type ServerConfig = Pick<
  Config,
  | 'PORT'
  | 'HOST'
  | 'MAX_BODY_BYTES'
  | 'MAX_RESPONSE_BYTES'
  | 'SHUTDOWN_TIMEOUT_MS'
  | 'NODE_ENV'
  | 'WS_MAX_MESSAGES_PER_SECOND'
  | 'WS_MAX_SUBSCRIPTIONS'
  | 'WS_MAX_SOCKETS_PER_IDENTITY'
  | 'TRUSTED_DOCUMENTS'
  | 'introspection'
  | 'graphiql'
> &
  Partial<Pick<Config, 'CORS_ORIGINS' | 'METRICS_PORT' | 'METRICS_TOKEN'>>;

export interface ServerDeps {
  schema: GraphQLSchema;
  logger: Logger;
  config: ServerConfig;
  /** Fresh per HTTP request and per graphql-ws operation (it holds that request's DataLoaders). */
  createContext(request: RequestInfo): object | Promise<object>;
  readiness: ReadinessCheck[];
  /** Authentication and admission (cost limits, rate limits): src/access. */
  access: AccessControl;
  /** Persisted documents (default: the generated client's persisted-documents.json). */
  persistedQueries?: PersistedQueryStore;
  /** Extra fields for /ready's JSON (e.g. database kind, tfjs backend). */
  info?: () => Record<string, unknown>;
  /** Read at every /metrics scrape, after the server's own metrics (the pipeline queue's gauges). */
  metrics?: readonly MetricsCollector[];
  /** Overrides of the query limits (depth, aliases, tokens); defaults suit the product's schema. */
  limits?: Partial<QueryLimits>;
}

export interface RunningServer {
  /** Real address, e.g. http://127.0.0.1:4000/graphql (port 0 resolved). */
  url: string;
  port: number;
  /** With METRICS_PORT: where /metrics is served (port 0 resolved). */
  metricsUrl?: string;
  httpServer: http.Server;
  /**
   * Graceful stop: refuses new connections, lets in-flight HTTP requests finish (up to SHUTDOWN_TIMEOUT_MS, then
   * cuts them), closes WebSockets with 1001 Going Away and stops Apollo. Resolves once no socket is left open.
   * Idempotent.
   */
  close(): Promise<void>;
}
