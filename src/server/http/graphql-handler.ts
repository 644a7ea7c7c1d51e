// The adapter between Node's http and Apollo Server: IncomingMessage → HTTPGraphQLRequest (body read with a size
// limit, JSON parsed), Apollo's HTTPGraphQLResponse → ServerResponse (complete or streamed). Apollo does the rest:
// GET and POST, CSRF prevention, mutations refused over GET (405), status codes of request errors.
import type http from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import type { Actor } from '../../access/index.js';
import { ErrorCode } from '../../errors.js';
import { contextCreationError } from '../plugins/error-formatting.js';
import type { ResponseTypeMemo } from '../plugins/response-type.js';
import type { RequestScope } from '../request-scope.js';
import type { RequestInfo } from '../types.js';
import { BodyAbortedError, PayloadTooLargeError, readBody } from './read-body.js';
import { sendGraphQLError } from './respond.js';

export interface GraphQLHttpHandlerOptions {
  apollo: ApolloServer<BaseContext>;
  maxBodyBytes: number;
  createContext(request: RequestInfo): object | Promise<object>;
  /** Who is asking (UNAUTHENTICATED AppError for a bad token): called once per request, before Apollo's context. */
  identify(req: http.IncomingMessage): Promise<Actor>;
  /** Largest response body sent (MAX_RESPONSE_BYTES). */
  maxResponseBytes: number;
  /** Learns Apollo's content type per Accept value (see plugins/response-type.ts). */
  responseTypes: ResponseTypeMemo;
}

export type GraphQLHttpHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  scope: RequestScope,
  search: string,
) => Promise<void>;

/** Request headers as plain strings; repeated headers joined as HTTP allows (RFC 9110 §5.3). */
export function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

const isJsonContentType = (contentType: string | undefined): boolean =>
  contentType !== undefined && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType.trim());

class InvalidJsonError extends Error {}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  // Other content types reach Apollo as text: it refuses them (CSRF prevention or "invalid Content-Type", 400).
  if (!isJsonContentType(contentType)) return raw.toString('utf8');
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    throw new InvalidJsonError(`Request body is not valid JSON: ${(error as Error).message}`);
  }
}

async function writeResponse(
  res: http.ServerResponse,
  response: HTTPGraphQLResponse,
  maxResponseBytes: number,
): Promise<void> {
  if (response.body.kind === 'complete' && Buffer.byteLength(response.body.string) > maxResponseBytes) {
    // Cost limits keep most oversized answers from ever being computed; this net catches the rest (long texts).
    sendGraphQLError(
      res,
      400,
      ErrorCode.BAD_USER_INPUT,
      `The response is over ${maxResponseBytes} bytes (MAX_RESPONSE_BYTES): ask for fewer items or fields`,
    );
    return;
  }
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  // Incremental delivery (@defer): write parts as they come; stop producing them if the client leaves.
  const iterator = response.body.asyncIterator;
  try {
    for await (const chunk of iterator) {
      if (res.destroyed) break;
      res.write(chunk);
    }
  } finally {
    if (res.destroyed) await iterator.return?.();
    else res.end();
  }
}

export function createGraphQLHttpHandler(options: GraphQLHttpHandlerOptions): GraphQLHttpHandler {
  return async (req, res, scope, search) => {
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown;
    if (method === 'POST') {
      try {
        body = parseBody(await readBody(req, options.maxBodyBytes), req.headers['content-type']);
      } catch (error) {
        if (error instanceof PayloadTooLargeError) {
          // The rest of the body is not read: close the connection after answering instead of reusing it.
          sendGraphQLError(res, 413, ErrorCode.BAD_USER_INPUT, error.message, { connection: 'close' });
          return;
        }
        if (error instanceof InvalidJsonError) {
          sendGraphQLError(res, 400, ErrorCode.BAD_USER_INPUT, error.message);
          return;
        }
        if (error instanceof BodyAbortedError) {
          res.destroy();
          return;
        }
        throw error;
      }
    }

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(flattenHeaders(req.headers)))
      if (value !== undefined) headers.set(name, value);

    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search, body },
      context: async () => {
        try {
          return await options.createContext({
            requestId: scope.requestId,
            logger: scope.logger,
            headers: flattenHeaders(req.headers),
            viewer: await options.identify(req),
          });
        } catch (error) {
          throw contextCreationError(error);
        }
      },
    });
    if ((response.status ?? 200) === 200 && response.body.kind === 'complete') {
      options.responseTypes.remember(headers.get('accept'), response.headers.get('content-type'));
    }
    await writeResponse(res, response, options.maxResponseBytes);
  };
}
