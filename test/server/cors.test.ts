import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { applyCors, parseCorsOrigins } from '../../src/server/plugins/cors.js';

function fake(method: string, headers: Record<string, string>) {
  const set: Record<string, string> = {};
  let status = 0;
  const res = {
    setHeader: (name: string, value: string) => void (set[name] = value),
    writeHead: (code: number) => ((status = code), { end: () => undefined }),
  } as unknown as http.ServerResponse;
  return { req: { method, headers } as unknown as http.IncomingMessage, res, set, status: () => status };
}

describe('CORS: browsers on listed origins may call the API', () => {
  it('parses a comma-separated list, trimming spaces and trailing slashes', () => {
    expect(parseCorsOrigins(' https://a.example/ , https://b.example,')).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(parseCorsOrigins(undefined)).toEqual([]);
  });

  it('allows a listed origin and varies on Origin', () => {
    const { req, res, set } = fake('POST', { origin: 'https://a.example' });
    expect(applyCors(req, res, { origins: ['https://a.example'] })).toBe(false);
    expect(set['access-control-allow-origin']).toBe('https://a.example');
    expect(set.vary).toBe('Origin');
  });

  it('sends nothing for an origin that is not listed, or when no origin is configured', () => {
    for (const origins of [['https://a.example'], []]) {
      const { req, res, set } = fake('POST', { origin: 'https://evil.example' });
      applyCors(req, res, { origins });
      expect(set['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('answers a preflight with 204 and the allowed methods and headers', () => {
    const { req, res, set, status } = fake('OPTIONS', {
      origin: 'https://x.example',
      'access-control-request-method': 'POST',
    });
    expect(applyCors(req, res, { origins: ['*'] })).toBe(true);
    expect(status()).toBe(204);
    expect(set['access-control-allow-origin']).toBe('*');
    expect(set['access-control-allow-headers']).toContain('content-type');
  });
});
