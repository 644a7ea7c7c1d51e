// Small writers for the responses the server builds itself (probes, 404s, body-size and JSON errors). GraphQL-shaped
// errors use the same closed codes and the same `extensions.http.status` as errors Apollo sends.
import type http from 'node:http';
import type { ErrorCode } from '../../errors.js';

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(payload));
  res.setHeader('cache-control', 'no-store');
  res.end(payload);
}

export function sendText(res: http.ServerResponse, status: number, contentType: string, body: string): void {
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.setHeader('cache-control', 'no-store');
  res.end(body);
}

/** A request-level error in the GraphQL response shape, so GraphQL clients read it like any other error. */
export function sendGraphQLError(
  res: http.ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { errors: [{ message, extensions: { code, http: { status } } }] });
}
