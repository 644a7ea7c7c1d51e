// METRICS_PORT: /metrics on a listener of its own, so the API's port never exposes it and the operator decides
// who reaches it (a scrape network, a sidecar). Everything else on that port is 404.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '../../errors.js';
import { handleMetrics, type ServerMetrics } from '../plugins/metrics.js';
import { sendGraphQLError } from './respond.js';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(metrics: ServerMetrics, port: number, host: string): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
      handleMetrics(res, metrics).catch(() => res.destroy());
      return;
    }
    sendGraphQLError(res, 404, ErrorCode.NOT_FOUND, 'Only GET /metrics is served on METRICS_PORT');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`Cannot listen on METRICS_PORT ${port}: ${error.message}`, { cause: error })),
    );
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const shown = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return {
    url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${address.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
