// Starts the API: Node's http server with Apollo on /graphql (plus GraphiQL, /health, /ready, /metrics) and
// graphql-ws on the same port and path. Returns once listening; close() is the graceful stop.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApollo } from './apollo.js';
import { HttpDrain } from './http/drain.js';
import { clientAddress } from './http/client-address.js';
import { createGraphQLHttpHandler } from './http/graphql-handler.js';
import { startMetricsServer } from './http/metrics-server.js';
import { createRequestListener, GRAPHQL_PATH } from './http/router.js';
import { limitParseOptions, limitValidationRules, resolveQueryLimits } from './plugins/limits.js';
import { ServerMetrics } from './plugins/metrics.js';
import { parseCorsOrigins } from './plugins/cors.js';
import { createReadinessHandler } from './plugins/readiness.js';
import { ResponseTypeMemo } from './plugins/response-type.js';
import { PersistedQueryStore } from './plugins/trusted-documents.js';
import type { RequestInfo, RunningServer, ServerDeps } from './types.js';
import { createGraphQLWsServer } from './ws/graphql-ws-server.js';

// Longer than the idle timeout of common load balancers (60 s), so they, not we, close idle keep-alive
// connections; otherwise a request can race our close and fail with a reset.
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

function listen(server: http.Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** A URL a client on this machine can use: wildcard addresses are not connectable everywhere. */
function localUrl(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}${GRAPHQL_PATH}`;
}

export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { config } = deps;
  const logger = deps.logger.child({ component: 'server' });
  const limits = resolveQueryLimits(deps.limits);
  const metrics = new ServerMetrics(deps.metrics);
  const createContext = (request: RequestInfo): object | Promise<object> => deps.createContext(request);
  const responseTypes = new ResponseTypeMemo();
  const { access } = deps;
  const persistedQueries = deps.persistedQueries ?? PersistedQueryStore.fromFile();
  const trustedOnly = config.TRUSTED_DOCUMENTS === 'only';
  const cors = { origins: parseCorsOrigins(config.CORS_ORIGINS) };
  const apollo = await startApollo({
    schema: deps.schema,
    logger,
    nodeEnv: config.NODE_ENV,
    limits,
    metrics,
    responseTypes,
    admission: access,
    introspection: config.introspection,
    persistedQueries,
    trustedOnly,
  });

  const httpServer = http.createServer();
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  const drain = new HttpDrain(httpServer);
  const ws = createGraphQLWsServer({
    path: GRAPHQL_PATH,
    schema: deps.schema,
    logger,
    metrics,
    maxPayloadBytes: config.MAX_BODY_BYTES,
    parseOptions: limitParseOptions(limits),
    validationRules: limitValidationRules(limits),
    createContext,
    admission: access,
    authenticate: access.authenticate,
    trustProxy: access.trustProxy,
    cors,
    socketLimits: {
      maxMessagesPerSecond: config.WS_MAX_MESSAGES_PER_SECOND,
      maxSubscriptions: config.WS_MAX_SUBSCRIPTIONS,
      maxSocketsPerIdentity: config.WS_MAX_SOCKETS_PER_IDENTITY,
    },
    hideSuggestions: !config.introspection,
    persistedQueries,
    trustedOnly,
  });
  httpServer.on(
    'request',
    createRequestListener({
      logger,
      metrics,
      drain,
      graphql: createGraphQLHttpHandler({
        apollo,
        maxBodyBytes: config.MAX_BODY_BYTES,
        maxResponseBytes: config.MAX_RESPONSE_BYTES,
        createContext,
        identify: (req) =>
          access.authenticate({
            authorization: req.headers.authorization,
            address: clientAddress(req, access.trustProxy),
          }),
        responseTypes,
      }),
      cors,
      graphiql: config.graphiql,
      metricsGate: {
        separatePort: config.METRICS_PORT !== undefined,
        token: config.METRICS_TOKEN,
        production: config.NODE_ENV === 'production',
      },
      readiness: createReadinessHandler({
        checks: deps.readiness,
        info: deps.info,
        isShuttingDown: () => drain.isDraining,
        logger,
      }),
    }),
  );
  httpServer.on('upgrade', (req: http.IncomingMessage, socket, head: Buffer) => ws.handleUpgrade(req, socket, head));

  let address: AddressInfo;
  try {
    address = await listen(httpServer, config.PORT, config.HOST);
  } catch (error) {
    await apollo.stop();
    throw new Error(`Cannot listen on ${config.HOST}:${config.PORT}: ${(error as Error).message}; set PORT or HOST`, {
      cause: error,
    });
  }
  const url = localUrl(address);
  logger.info({ url, port: address.port }, 'server listening');
  const metricsServer =
    config.METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer(metrics, config.METRICS_PORT, config.HOST).catch(async (error: unknown) => {
          httpServer.close();
          await apollo.stop();
          throw error;
        });
  if (metricsServer) logger.info({ url: metricsServer.url }, 'metrics listening');

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    logger.info('server stopping: draining HTTP requests, closing WebSockets');
    // Past the deadline, whatever is still open is cut rather than holding the shutdown hostage.
    const deadline = setTimeout(() => {
      logger.warn(
        { cutRequests: drain.cut() },
        `shutdown took over ${config.SHUTDOWN_TIMEOUT_MS} ms: closing remaining connections`,
      );
      ws.terminate();
    }, config.SHUTDOWN_TIMEOUT_MS);
    try {
      await Promise.all([drain.drain(), ws.close()]);
    } finally {
      clearTimeout(deadline);
    }
    await apollo.stop();
    await metricsServer?.close();
    logger.info('server stopped');
  };

  return {
    url,
    port: address.port,
    ...(metricsServer ? { metricsUrl: metricsServer.url } : {}),
    httpServer,
    close: () => (closing ??= close()),
  };
}
