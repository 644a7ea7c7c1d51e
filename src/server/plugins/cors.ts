// Cross-origin access for browser frontends served from other origins (CORS_ORIGINS). Off by default: with no
// list, browsers only reach the API from its own origin (GraphiQL included). Preflights are answered here.
import type http from 'node:http';

export interface CorsPolicy {
  /** Exact origins ("https://app.example.com") or "*" for any. Empty: no cross-origin access. */
  origins: readonly string[];
}

const ALLOWED_HEADERS = 'content-type, authorization, x-request-id, apollo-require-preflight, x-apollo-operation-name';
const MAX_AGE_SECONDS = '600';

export function parseCorsOrigins(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/$/, ''))
    .filter(Boolean);
}

/** Sets the CORS headers a request's origin is entitled to; returns true when it answered a preflight. */
export function applyCors(req: http.IncomingMessage, res: http.ServerResponse, policy: CorsPolicy): boolean {
  const origin = req.headers.origin;
  if (!origin || policy.origins.length === 0) return false;
  const any = policy.origins.includes('*');
  if (!any && !policy.origins.includes(origin)) return false;
  res.setHeader('access-control-allow-origin', any ? '*' : origin);
  if (!any) res.setHeader('vary', 'Origin');
  res.setHeader('access-control-expose-headers', 'x-request-id');
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', MAX_AGE_SECONDS);
    res.writeHead(204).end();
    return true;
  }
  return false;
}
