// graphql-ws (GraphQL over WebSocket, graphql-transport-ws protocol) on the HTTP server's port and path: the
// `upgrade` event is routed here, everything else stays with the HTTP handler. Each operation gets its own request
// id, logger and context; every error it sends goes through formatGraphQLError like Apollo's.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Actor, Authenticate } from '../../access/index.js';
import { ErrorCode } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { clientAddress } from '../http/client-address.js';
import { flattenHeaders } from '../http/graphql-handler.js';
import { isUpgradeOriginAllowed, type CorsPolicy } from '../plugins/cors.js';
import { formatGraphQLError } from '../plugins/error-formatting.js';
import type { ServerMetrics } from '../plugins/metrics.js';
import { resolveRequestId } from '../plugins/request-id.js';
import {
  asRequestError,
  newOperationState,
  prepareOperation,
  type PrepareOptions,
  type WsOperationState,
} from './ws-operation.js';
import { SocketGuard, type SocketLimits } from './socket-guard.js';

export interface GraphQLWsOptions extends PrepareOptions {
  path: string;
  logger: Logger;
  metrics: ServerMetrics;
  /** Largest WebSocket message accepted (ws defaults to 100 MiB); the HTTP body limit applies here too. */
  maxPayloadBytes: number;
  authenticate: Authenticate;
  trustProxy: boolean;
  cors: CorsPolicy;
  socketLimits: SocketLimits;
  hideSuggestions: boolean;
}

export interface GraphQLWsServer {
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Refuses new upgrades, closes every socket with 1001 Going Away; resolves once all are closed. */
  close(): Promise<void>;
  /** Cuts the sockets whose clients have not completed the closing handshake. */
  terminate(): void;
}

interface ConnectionState {
  id: string;
  operations: Map<string, WsOperationState>;
  /** Set at connection_init, once the token (if any) verified. */
  viewer?: Actor;
}

type WsContext = Context<Record<string, unknown>, { request: http.IncomingMessage; socket: WebSocket }>;

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.on('error', () => undefined); // the peer may already be gone; nothing to report
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Upgrade headers overlaid with string connectionParams, lower-cased (see RequestInfo.headers). */
function operationHeaders(request: http.IncomingMessage, params: Readonly<Record<string, unknown>> | undefined) {
  const headers = flattenHeaders(request.headers);
  for (const [key, value] of Object.entries(params ?? {}))
    if (typeof value === 'string') headers[key.toLowerCase()] = value;
  return headers;
}

export function createGraphQLWsServer(options: GraphQLWsOptions): GraphQLWsServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const connections = new WeakMap<object, ConnectionState>();
  const guard = new SocketGuard(options.socketLimits, options.authenticate);
  let closing = false;

  const connectionOf = (ctx: WsContext): ConnectionState => {
    let state = connections.get(ctx);
    if (!state) {
      state = { id: resolveRequestId(ctx.extra.request.headers['x-request-id']), operations: new Map() };
      connections.set(ctx, state);
    }
    return state;
  };
  const format = (error: GraphQLError, operation: WsOperationState | undefined): GraphQLFormattedError => {
    const formatted = formatGraphQLError(error.toJSON(), error, operation?.logger ?? options.logger, {
      hideSuggestions: options.hideSuggestions,
    });
    if (operation) operation.failed = true;
    const code = formatted.extensions?.['code'];
    options.metrics.recordErrors([typeof code === 'string' ? code : 'INTERNAL'], 'ws');
    return formatted;
  };
  const finish = (connection: ConnectionState, id: string): void => {
    const operation = connection.operations.get(id);
    if (!operation) return;
    connection.operations.delete(id);
    options.metrics.recordOperation({
      name: operation.name,
      type: operation.type,
      failed: operation.failed,
      transport: 'ws',
    });
  };

  wss.on('connection', (socket) => {
    guard.watchMessageRate(socket);
    options.metrics.webSocketOpened();
    socket.once('close', () => options.metrics.webSocketClosed());
  });

  const server = useServer(
    {
      // Internal failures never put their message in the close reason, whatever NODE_ENV says.
      isProd: true,
      onSubscribe: async (ctx, id, payload) => {
        const connection = connectionOf(ctx);
        const operation = newOperationState(options.logger, connection.id, id, payload);
        if (connection.operations.size >= guard.maxSubscriptions) {
          const message = `Too many operations on this socket: at most ${guard.maxSubscriptions} at once`;
          return [asRequestError(new Error(message), ErrorCode.RATE_LIMITED)];
        }
        connection.operations.set(id, operation);
        const headers = operationHeaders(ctx.extra.request, ctx.connectionParams);
        return prepareOperation(options, operation, payload, headers, connection.viewer!);
      },
      onNext: (ctx, id, _payload, _args, result): FormattedExecutionResult | void => {
        const operation = connectionOf(ctx).operations.get(id);
        const report = operation?.cost && !operation.costReported;
        if (report) operation.costReported = true;
        const extensions = report ? { ...result.extensions, cost: operation.cost } : result.extensions;
        if (!result.errors || result.errors.length === 0)
          return extensions ? { ...(result as FormattedExecutionResult), extensions } : undefined;
        // Path-less errors in a result come from variable coercion: the request is wrong (Apollo says so too).
        const errors = result.errors.map((error) =>
          format(error.path ? error : asRequestError(error, 'BAD_USER_INPUT'), operation),
        );
        return { data: result.data, errors, ...(extensions ? { extensions } : {}) };
      },
      onError: (ctx, id, _payload, errors) => {
        const connection = connectionOf(ctx);
        const formatted = errors.map((error) => format(error, connection.operations.get(id)));
        finish(connection, id);
        return formatted;
      },
      onComplete: (ctx, id) => finish(connectionOf(ctx), id),
      onConnect: async (ctx) => {
        const connection = connectionOf(ctx);
        const address = clientAddress(ctx.extra.request, options.trustProxy);
        const viewer = await guard.admit(ctx.extra.socket, ctx.connectionParams, address);
        if (!viewer) return false; // closed with the reason already; graphql-ws's own 4403 close is a no-op
        connection.viewer = viewer;
        options.logger.debug({ connectionId: connection.id }, 'graphql-ws connection acknowledged');
        return true;
      },
      onClose: (ctx, code) => {
        options.logger.debug({ connectionId: connectionOf(ctx).id, code }, 'graphql-ws connection closed');
      },
    },
    wss,
  );

  return {
    handleUpgrade(req, socket, head) {
      if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== options.path) return refuseUpgrade(socket, 404, 'Not Found');
      if (!isUpgradeOriginAllowed(req, options.cors)) return refuseUpgrade(socket, 403, 'Forbidden');
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    async close() {
      closing = true;
      await server.dispose();
    },
    terminate() {
      for (const client of wss.clients) client.terminate();
    },
  };
}
