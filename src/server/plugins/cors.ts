// Cross-origin access for browser frontends served from other origins (CORS_ORIGINS). Off by default: with no
// list, browsers only reach the API from its own origin (GraphiQL included). Preflights are answered here.
import type http from 'node:http';

export interface CorsPolicy {
  /** Exact origins ("https://app.example.com") or "*" for any. Empty: no cross-origin access. */
  origins: readonly string[];
}

const ALLOWED_HEADERS = 'content-type, authorization, x-request-id, apollo-require-preflight, x-apollo-operation-name';
const MAX_AGE_SECONDS = '600';
const EXPOSED_HEADERS =
  'x-request-id, ratelimit-limit, ratelimit-remaining, ratelimit-reset, ratelimit-policy, retry-after';

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
  res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', MAX_AGE_SECONDS);
    res.writeHead(204).end();
    return true;
  }
  return false;
}

/**
 * Whether a WebSocket upgrade may proceed. Browsers always send Origin on WebSocket upgrades and CORS does not
 * apply to them, so without this check any site a user visits could open a socket with the user's cookies or
 * network position (cross-site WebSocket hijacking). Allowed: no Origin (not a browser), the API's own origin,
 * or one CORS_ORIGINS lists.
 */
export function isUpgradeOriginAllowed(req: http.IncomingMessage, policy: CorsPolicy): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (policy.origins.includes('*') || policy.origins.includes(origin.replace(/\/$/, ''))) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
