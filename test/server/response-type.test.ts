// The response content type Apollo negotiates from Accept is remembered per Accept value (plugins/response-type.ts):
// the second request with a value must get exactly what Apollo chose for the first, and what Apollo refuses stays
// refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server.js';

describe('Server: response content type per Accept header', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.server.close();
  });

  const post = async (accept: string | undefined, query = '{ hello }') => {
    const response = await fetch(`${t.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(accept === undefined ? {} : { accept }) },
      body: JSON.stringify({ query }),
    });
    await response.text();
    return { status: response.status, type: response.headers.get('content-type') };
  };

  it.each([
    ['*/*', 'application/json; charset=utf-8'],
    ['application/json', 'application/json; charset=utf-8'],
    ['application/graphql-response+json, application/json;q=0.9', 'application/graphql-response+json; charset=utf-8'],
    ['application/json;q=0.5, application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
  ])('answers Accept "%s" with %s, the first time and every time after', async (accept, expected) => {
    for (let i = 0; i < 3; i += 1) {
      expect(await post(accept)).toEqual({ status: 200, type: expected });
    }
    // Errors follow the same negotiation.
    expect((await post(accept, '{ boom }')).type).toBe(expected);
  });

  it('refuses an Accept with no JSON type (406) every time', async () => {
    for (let i = 0; i < 2; i += 1) expect((await post('application/xml')).status).toBe(406);
  });
});
