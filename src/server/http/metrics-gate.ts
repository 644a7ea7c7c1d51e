// Who may read /metrics. Metrics name operations, error rates and queue depths: operators' business, not the
// public's. METRICS_PORT serves them on a port of their own (reachable only where the operator routes it);
// METRICS_TOKEN asks for "Authorization: Bearer <token>" on the API's port; with neither, they stay open outside
// production and are refused in it.
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

export interface MetricsGate {
  /** /metrics lives on METRICS_PORT, not here. */
  separatePort: boolean;
  token: string | undefined;
  production: boolean;
}

export type MetricsVerdict = { allowed: true } | { allowed: false; status: 401 | 404; message: string };

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function checkMetricsAccess(req: http.IncomingMessage, gate: MetricsGate): MetricsVerdict {
  if (gate.separatePort) return { allowed: false, status: 404, message: 'Metrics are served on METRICS_PORT' };
  if (gate.token !== undefined) {
    const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (given !== undefined && sameSecret(given, gate.token)) return { allowed: true };
    return { allowed: false, status: 401, message: 'Metrics need "Authorization: Bearer <METRICS_TOKEN>"' };
  }
  if (gate.production)
    return { allowed: false, status: 404, message: 'Metrics are off in production: set METRICS_PORT or METRICS_TOKEN' };
  return { allowed: true };
}
