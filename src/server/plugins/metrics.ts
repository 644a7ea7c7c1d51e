// GET /metrics in Prometheus text format: HTTP requests by status, GraphQL operations by name and outcome, request
// latency, open graphql-ws connections, prom-client's default process series (CPU, memory, GC, event-loop lag)
// and uptime, plus what the composition root collects at scrape time (the pipeline queue, model serving). Per process: each API process is a target.
// Label values come from a bounded set (known routes, the first MAX_OPERATION_NAMES operation names) so a client
// cannot grow the series without limit by inventing paths or operation names.
import type http from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  PROMETHEUS_CONTENT_TYPE,
  Registry,
  type MetricsCollector,
} from '../metrics/prometheus.js';
import { sendText } from '../http/respond.js';

const KNOWN_ROUTES: ReadonlySet<string> = new Set(['/graphql', '/health', '/ready', '/metrics']);
const KNOWN_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const MAX_OPERATION_NAMES = 200;
// Seconds; from sub-millisecond cached reads to slow pipelines.
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type Transport = 'http' | 'ws';

export interface OperationOutcome {
  name: string | null | undefined;
  /** query, mutation, subscription; undefined when the document never resolved to an operation. */
  type: string | undefined;
  /** Whether any error was sent for it. */
  failed: boolean;
  transport: Transport;
}

export class ServerMetrics {
  private readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests served, by method, route and status code.',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request received to response sent, by route.',
    labelNames: ['route'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations, by operation name, type, outcome and transport.',
    labelNames: ['operation', 'type', 'outcome', 'transport'],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors sent, by code and transport.',
    labelNames: ['code', 'transport'],
    registers: [this.registry],
  });
  private readonly wsConnections = new Gauge({
    name: 'graphql_ws_connections_active',
    help: 'Open graphql-ws (WebSocket) connections.',
    registers: [this.registry],
  });

  constructor(private readonly collectors: readonly MetricsCollector[] = []) {
    // process_resident_memory_bytes and the other process_* / nodejs_* series (GC durations by kind, event-loop
    // lag, heap spaces, handles), named as every Node service's dashboards expect them.
    collectDefaultMetrics({ register: this.registry });
    // Two series of earlier releases that the defaults name differently; kept so dashboards keep working.
    new Gauge({
      name: 'nodejs_heap_used_bytes',
      help: 'V8 heap in use, in bytes.',
      registers: [this.registry],
      collect() {
        this.set(process.memoryUsage().heapUsed);
      },
    });
    new Gauge({
      name: 'process_uptime_seconds',
      help: 'Seconds since the process started.',
      registers: [this.registry],
      collect() {
        this.set(process.uptime());
      },
    });
    this.wsConnections.set(0);
  }

  recordHttpRequest(request: { method: string; path: string; status: number; durationMs: number }): void {
    const route = KNOWN_ROUTES.has(request.path) ? request.path : 'other';
    const method = KNOWN_METHODS.has(request.method) ? request.method : 'other';
    this.httpRequests.inc({ method, route, status: String(request.status) });
    this.httpDuration.observe({ route }, request.durationMs / 1000);
  }

  recordOperation(outcome: OperationOutcome): void {
    this.operations.inc({
      operation: this.boundedOperationName(outcome.name, outcome.type),
      type: outcome.type ?? 'unknown',
      outcome: outcome.failed ? 'error' : 'success',
      transport: outcome.transport,
    });
  }

  /** Counted as sent (a subscription may send errors long before it ends). */
  recordErrors(codes: readonly string[], transport: Transport): void {
    for (const code of codes) this.errors.inc({ code, transport });
  }

  webSocketOpened(): void {
    this.wsConnections.inc();
  }

  webSocketClosed(): void {
    this.wsConnections.dec();
  }

  /** The server's own metrics, then the collectors' (read now; one that fails is left out of this scrape). */
  async render(): Promise<string> {
    const collected = await Promise.all(this.collectors.map((collect) => collect().catch(() => '')));
    return (await this.registry.metrics()) + collected.join('');
  }

  private boundedOperationName(name: string | null | undefined, type: string | undefined): string {
    if (!name) return type ? 'anonymous' : 'unresolved';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }
}

export async function handleMetrics(res: http.ServerResponse, metrics: ServerMetrics): Promise<void> {
  sendText(res, 200, PROMETHEUS_CONTENT_TYPE, await metrics.render());
}

/** Counts each operation Apollo answers, with the codes of the (already formatted) errors it sends. */
export function metricsApolloPlugin(metrics: ServerMetrics): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          const { body } = requestContext.response;
          const errors = (body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors) ?? [];
          metrics.recordErrors(
            errors.map((error) => {
              const code = error.extensions?.['code'];
              return typeof code === 'string' ? code : 'INTERNAL';
            }),
            'http',
          );
          metrics.recordOperation({
            name: requestContext.operationName,
            type: requestContext.operation?.operation,
            failed: errors.length > 0,
            transport: 'http',
          });
        },
      };
    },
  };
}
