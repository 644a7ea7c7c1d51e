// The address a request came from: what anonymous callers are rate-limited by. X-Forwarded-For is only believed
// with TRUST_PROXY=on (a proxy we run sets it); otherwise any client could claim any address.
import type http from 'node:http';

export function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
