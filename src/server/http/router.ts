// Every HTTP request enters here: it gets its request id (echoed in x-request-id), a child logger and an access
// log line, then goes to the one handler its path names. /graphql is GraphiQL for browsers, Apollo otherwise.
import type http from 'node:http';
import { ErrorCode } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { applyCors, type CorsPolicy } from '../plugins/cors.js';
import { graphiqlPage, handleGraphiQL } from '../plugins/graphiql.js';
import { handleHealth } from '../plugins/health.js';
import { handleMetrics, type ServerMetrics } from '../plugins/metrics.js';
import { REQUEST_ID_HEADER, resolveRequestId, trackRequest } from '../plugins/request-id.js';
import { runInRequestScope, type RequestScope } from '../request-scope.js';
import { prefersHtml } from './accepts.js';
import type { HttpDrain } from './drain.js';
import type { GraphQLHttpHandler } from './graphql-handler.js';
import { checkMetricsAccess, type MetricsGate } from './metrics-gate.js';
import { sendGraphQLError } from './respond.js';

export const GRAPHQL_PATH = '/graphql';

export interface RouterOptions {
  logger: Logger;
  metrics: ServerMetrics;
  drain: HttpDrain;
  graphql: GraphQLHttpHandler;
  readiness: (res: http.ServerResponse) => Promise<void>;
  cors: CorsPolicy;
  /** GRAPHIQL: whether browsers get GraphiQL at /graphql. */
  graphiql: boolean;
  metricsGate: MetricsGate;
}

function splitUrl(url: string | undefined): { path: string; search: string } {
  const target = url ?? '/';
  const queryAt = target.indexOf('?');
  return queryAt < 0 ? { path: target, search: '' } : { path: target.slice(0, queryAt), search: target.slice(queryAt) };
}

const readOnly = (method: string): boolean => method === 'GET' || method === 'HEAD';

function methodNotAllowed(res: http.ServerResponse): void {
  sendGraphQLError(res, 405, ErrorCode.BAD_USER_INPUT, 'Method not allowed: use GET', { allow: 'GET, HEAD' });
}

async function route(options: RouterOptions, req: http.IncomingMessage, res: http.ServerResponse, scope: RequestScope) {
  const method = (req.method ?? 'GET').toUpperCase();
  const { path, search } = splitUrl(req.url);
  switch (path) {
    case GRAPHQL_PATH:
      if (readOnly(method) && prefersHtml(req.headers.accept)) {
        if (options.graphiql) return handleGraphiQL(req, res, graphiqlPage());
        const message = `GraphiQL is off (GRAPHIQL=on turns it on); send GraphQL requests to ${GRAPHQL_PATH}`;
        return sendGraphQLError(res, 404, ErrorCode.NOT_FOUND, message);
      }
      return options.graphql(req, res, scope, search);
    case '/':
      // Where a browser lands first: GraphiQL (and the endpoint for clients) is at /graphql.
      if (!readOnly(method)) return methodNotAllowed(res);
      res.writeHead(302, { location: GRAPHQL_PATH + search, 'content-length': '0' });
      return void res.end();
    case '/health':
      return readOnly(method) ? handleHealth(res) : methodNotAllowed(res);
    case '/ready':
      return readOnly(method) ? options.readiness(res) : methodNotAllowed(res);
    case '/metrics': {
      if (!readOnly(method)) return methodNotAllowed(res);
      const verdict = checkMetricsAccess(req, options.metricsGate);
      if (verdict.allowed) return handleMetrics(res, options.metrics);
      const code = verdict.status === 401 ? ErrorCode.UNAUTHENTICATED : ErrorCode.NOT_FOUND;
      return sendGraphQLError(res, verdict.status, code, verdict.message);
    }
    default:
      return sendGraphQLError(
        res,
        404,
        ErrorCode.NOT_FOUND,
        `Nothing at ${path}: the GraphQL endpoint is ${GRAPHQL_PATH}`,
      );
  }
}

/**
 * The request's scope; its child logger (which stamps every line with the request id) is made on first use: at
 * LOG_LEVEL=warn most requests never log, and a pino child with redaction costs several microseconds.
 */
function requestScope(base: Logger, requestId: string): RequestScope {
  let logger: Logger | undefined;
  return {
    requestId,
    get logger() {
      return (logger ??= base.child({ requestId }));
    },
    logs: (level) => base.isLevelEnabled(level),
  };
}

export function createRequestListener(options: RouterOptions): http.RequestListener {
  return (req, res) => {
    const requestId = resolveRequestId(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const scope = requestScope(options.logger, requestId);
    trackRequest(req, res, scope, splitUrl(req.url).path, (entry) => options.metrics.recordHttpRequest(entry));
    options.drain.track(res);
    if (applyCors(req, res, options.cors)) return; // a preflight, answered
    runInRequestScope(scope, () => route(options, req, res, scope)).catch((error: unknown) => {
      scope.logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendGraphQLError(res, 500, ErrorCode.INTERNAL, 'Internal server error');
      else res.destroy();
    });
  };
}
