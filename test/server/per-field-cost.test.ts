// What the server does for every response must not grow with its number of fields: no Apollo plugin may hook
// `willResolveField` (Apollo would then wrap every resolver of the schema and call the hook per field), and the
// header the cache-control plugin used to send comes from one per-response hook instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestServer, testSchema, type TestServer } from './test-server.js';

describe('Server: per-field cost and cache headers', () => {
  let t: TestServer;
  const hello = testSchema.getQueryType()!.getFields()['hello']!;
  const ownResolver = hello.resolve;

  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.server.close();
  });

  it('answers with the schema resolvers themselves, not wrapped per field by Apollo', async () => {
    const { status, body } = await postGraphQL(t.base, { query: '{ hello nested { value child { value } } }' });
    expect(status).toBe(200);
    expect(body.data).toEqual({ hello: 'Hello, world', nested: { value: 1, child: { value: 1 } } });
    expect(hello.resolve).toBe(ownResolver);
  });

  it('sends cache-control: no-store with results, execution errors and request errors', async () => {
    for (const query of ['{ hello }', '{ boom }', '{ nope }', '{ hello']) {
      const { headers } = await postGraphQL(t.base, { query });
      expect(headers.get('cache-control'), query).toBe('no-store');
    }
  });
});
