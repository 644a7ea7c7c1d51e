// Request ids and the access log. A caller's (or the proxy's) x-request-id is kept so one id follows a request
// across services; anything that could forge log lines or blow up log size is replaced by a fresh id.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { currentRequestScope, type RequestScope } from '../request-scope.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The incoming id when it is 1–128 characters of [A-Za-z0-9._-], otherwise a new UUID. */
export function resolveRequestId(incoming: string | string[] | undefined): string {
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  return candidate !== undefined && VALID_REQUEST_ID.test(candidate) ? candidate : randomUUID();
}

// Probes hit these every few seconds; at info level they would drown the lines people read.
const QUIET_PATHS: ReadonlySet<string> = new Set(['/health', '/ready', '/metrics']);
/** The operation name GraphiQL and codegen tools give their schema reads. */
const INTROSPECTION_OPERATION = 'IntrospectionQuery';

export interface AccessLogEntry {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** false when the client went away before the response was complete. */
  completed: boolean;
}

/**
 * Calls `onDone` once per request, when the response has been sent or the connection dropped, and writes one
 * access-log line through the request's child logger (which carries the request id).
 */
export function trackRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  scope: RequestScope,
  path: string,
  onDone: (entry: AccessLogEntry) => void,
): void {
  const startedAt = performance.now();
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    const entry: AccessLogEntry = {
      method: req.method ?? 'GET',
      path,
      status: res.statusCode,
      durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
      completed: res.writableFinished,
    };
    onDone(entry);
    writeAccessLog(scope, entry);
  };
  res.once('finish', finish);
  res.once('close', finish);
}

function writeAccessLog(scope: RequestScope, entry: AccessLogEntry): void {
  // Probes, scrapes and GraphiQL's schema polls repeat all day: useful when debugging, noise otherwise.
  const routine = QUIET_PATHS.has(entry.path) || scope.operationName === INTROSPECTION_OPERATION;
  const level = routine && entry.status < 500 ? 'debug' : entry.status >= 500 ? 'warn' : 'info';
  // A line nobody keeps (LOG_LEVEL=warn) costs neither the request's child logger nor the object.
  if (!scope.logs(level)) return;
  const line = {
    method: entry.method,
    path: entry.path,
    status: entry.status,
    durationMs: entry.durationMs,
    ...(scope.operationName !== undefined ? { operationName: scope.operationName } : {}),
    ...(entry.completed ? {} : { aborted: true }),
  };
  scope.logger[level](line, 'request completed');
}

/** Records the resolved operation on the request scope, for the access log line. */
export function operationScopeApolloPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const scope = currentRequestScope();
          if (!scope) return;
          scope.operationName = requestContext.operationName ?? undefined;
          scope.operationType = requestContext.operation?.operation;
        },
      };
    },
  };
}
