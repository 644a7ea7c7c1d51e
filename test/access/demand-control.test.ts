// Demand control on the real schema: the operation that once exhausted the heap and killed the process (30
// aliases of repositories → contributors → contributions → repository.contributors, 100 each, inside every depth,
// alias and token limit) is refused before it runs, on HTTP and graphql-ws, with its cost and the limit; nothing
// reaches a resolver (not one SQL statement); every response reports its cost; MAX_RESPONSE_BYTES stops the rest.
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { seedCatalog, seedContributors } from '../support/catalog.js';
import { bearer, testAccess } from '../support/access.js';
import { postGraphQL, resolverCalls, startTestServer, wsClient } from '../server/test-server.js';
import { startAppServer, type AppServer } from '../support/app-server.js';

const BRANCH = `repositories(first: 100) { nodes { contributors(first: 100) { nodes { contributions(first: 100) {
  nodes { repository { contributors(first: 100) { nodes { login name bio } } } } } } } } }`;
export const HEAP_KILLER = `query HeapKiller { ${Array.from({ length: 30 }, (_, i) => `a${i}: ${BRANCH}`).join('\n')} }`;

describe('demand control', () => {
  let s: AppServer;

  beforeAll(async () => {
    s = await startAppServer();
    await seedCatalog(s.t.app.db.prisma, { owners: 4, repositories: 12 });
    await seedContributors(s.t.app.db.prisma, { pool: 20, perRepository: 5 });
  });
  afterAll(async () => s?.close());

  it('refuses the heap-killing operation before it runs: BAD_USER_INPUT with its cost and the limit, no SQL', async () => {
    s.t.resetQueries();
    const response = await s.post({ query: HEAP_KILLER });
    expect(response.status).toBe(400);
    const [error] = response.body.errors!;
    expect(error!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: { limit: 10_000 } });
    const requested = (error!.extensions!['cost'] as { requested: number }).requested;
    expect(requested).toBeGreaterThan(3_000_000_000);
    expect(error!.message).toContain(`cost is ${requested}, over the limit of 10000 for anonymous callers`);
    expect(response.body.extensions).toEqual({ cost: { requested, limit: 10_000 } });
    expect(s.t.queries).toEqual([]); // never reached a resolver
    expect((await fetch(s.url.replace('/graphql', '/health'))).status).toBe(200);
  });

  it('refuses it for an admin too (their limit is higher, not unbounded)', async () => {
    const response = await s.post({ query: HEAP_KILLER }, await bearer('ada', 'ADMIN'));
    expect(response.body.errors![0]!.extensions).toMatchObject({ cost: { limit: 100_000 } });
  });

  it('refuses it over graphql-ws as well, and the socket stays usable', async () => {
    const client = createClient({ url: s.url.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const refused = await new Promise<unknown[]>((resolve, reject) =>
        client.subscribe(
          { query: HEAP_KILLER },
          { next: () => undefined, error: resolve, complete: () => reject(new Error('ran')) },
        ),
      );
      expect(refused[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', cost: { limit: 10_000 } } });
      const answer = await new Promise<Record<string, unknown>>((resolve, reject) =>
        client.subscribe(
          { query: '{ viewer { authenticated } }' },
          { next: resolve as never, error: reject, complete: () => undefined },
        ),
      );
      expect(answer).toMatchObject({
        data: { viewer: { authenticated: false } },
        extensions: { cost: { requested: 1 } },
      });
    } finally {
      await client.dispose();
    }
  });

  it("reports every answered operation's cost: lists multiply what they select by first/last", async () => {
    const response = await s.post({
      query: '{ repositories(first: 10) { nodes { owner { login } contributors(first: 5) { nodes { login } } } } }',
    });
    expect(response.status).toBe(200);
    // repositories 1 + 10 × (nodes 1 + owner 1 + contributors (1 + 5 × nodes 1)); leaves cost nothing.
    expect(response.body.extensions).toEqual({ cost: { requested: 1 + 10 * (1 + 1 + (1 + 5 * 1)), limit: 10_000 } });
  });

  it('charges a text search more than a listing', async () => {
    const plain = await s.post({ query: '{ repositories(first: 5) { totalCount } }' });
    const search = await s.post({ query: '{ repositories(first: 5, filter: { text: "repo" }) { totalCount } }' });
    const cost = (r: typeof plain) => (r.body.extensions!['cost'] as { requested: number }).requested;
    expect(cost(search)).toBeGreaterThan(cost(plain));
  });
});

describe('MAX_RESPONSE_BYTES', () => {
  let s: AppServer;
  beforeAll(async () => {
    s = await startAppServer({ MAX_RESPONSE_BYTES: '2048' });
    await seedCatalog(s.t.app.db.prisma, { owners: 4, repositories: 40 });
  });
  afterAll(async () => s?.close());

  it('replaces a response that grew past it with a coded error saying what to do', async () => {
    const response = await s.post({
      query: '{ repositories(first: 40) { nodes { fullName description owner { login } } } }',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(response.body.errors![0]!.message).toMatch(/over 2048 bytes \(MAX_RESPONSE_BYTES\)/);
    const small = await s.post({ query: '{ repositories(first: 2) { nodes { fullName } } }' });
    expect(small.status).toBe(200);
  });
});

describe('an operation over its cost limit', () => {
  it('never reaches a resolver (HTTP and graphql-ws)', async () => {
    const t = await startTestServer({ access: testAccess({ costLimits: { ANONYMOUS: 1 } }) });
    try {
      const before = resolverCalls.slow;
      const query = '{ slow(ms: 1) nested { child { value } } }'; // cost 2: nested 1 + child 1
      const response = await postGraphQL(t.base, { query });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        cost: { requested: 2, limit: 1 },
      });
      const client = wsClient(t.wsUrl);
      await expect(
        new Promise((resolve, reject) =>
          client.subscribe({ query }, { next: resolve, error: reject, complete: () => undefined }),
        ),
      ).rejects.toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
      await client.dispose();
      expect(resolverCalls.slow).toBe(before);
      // Within the limit, the same resolver runs.
      await postGraphQL(t.base, { query: '{ slow(ms: 1) }' });
      expect(resolverCalls.slow).toBe(before + 1);
    } finally {
      await t.server.close();
    }
  });
});
