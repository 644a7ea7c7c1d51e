import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../support/app.js';
import { errorCode, seedCatalog } from '../../../support/catalog.js';

describe('Repositories: lookup by full name and paging through all of them', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCatalog(t.app.db.prisma, { owners: 12, repositories: 60 });
  });
  afterAll(() => t.close());

  it('returns a repository with its stored fields and its owner, case-insensitively', async () => {
    const result = await t.run(
      `query ($name: String!) { repository(fullName: $name) { fullName name stars forks language topicNames description url owner { login type } } }`,
      { name: 'OWNER-3/REPO-3' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      repository: {
        fullName: 'owner-3/repo-3',
        name: 'repo-3',
        stars: 3 * 10,
        forks: 3,
        language: 'TypeScript',
        topicNames: ['topic-3', 'shared'],
        description: 'Repository number 3',
        url: 'https://github.com/owner-3/repo-3',
        owner: { login: 'owner-3', type: 'USER' },
      },
    });
  });

  it('answers an unknown full name with NOT_FOUND and a null repository', async () => {
    const result = await t.run(`{ repository(fullName: "nobody/nothing") { fullName } }`);
    expect(result.data).toEqual({ repository: null });
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.message).toContain('nobody/nothing');
  });

  it('refuses a malformed full name with BAD_USER_INPUT saying what is expected', async () => {
    const result = await t.run(`{ repository(fullName: "not a name") { fullName } }`);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/owner\/name/);
  });

  it('pages through every repository exactly once, most starred first', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const result: Awaited<ReturnType<TestApp['run']>> = await t.run(
        `query ($after: String) { repositories(first: 7, after: $after) { totalCount edges { cursor node { fullName stars } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const connection = (result.data as { repositories: PageOf<{ fullName: string; stars: number }> }).repositories;
      expect(connection.totalCount).toBe(60);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...connection.edges.map((edge) => edge.node.fullName));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    const stars = seen.map((name) => Number(name.split('-').at(-1)) * 10);
    expect(stars).toEqual([...stars].sort((a, b) => b - a));
  });

  it('keeps a cursor valid while rows are inserted before and after it', async () => {
    const first = await t.run(`{ repositories(first: 5) { pageInfo { endCursor } edges { node { fullName } } } }`);
    const connection = (first.data as { repositories: PageOf<{ fullName: string }> }).repositories;
    const owner = await t.app.db.prisma.user.findFirstOrThrow();
    await t.app.db.prisma.repository.createMany({
      data: [
        { fullName: 'late/top', name: 'top', ownerId: owner.id, stars: 1_000_000 },
        { fullName: 'late/bottom', name: 'bottom', ownerId: owner.id, stars: 0 },
      ],
    });
    try {
      const rest: string[] = [];
      let after: string | null = connection.pageInfo.endCursor;
      while (after) {
        const page: Awaited<ReturnType<TestApp['run']>> = await t.run(
          `query ($after: String) { repositories(first: 50, after: $after) { pageInfo { hasNextPage endCursor } edges { node { fullName } } } }`,
          { after },
        );
        const c = (page.data as { repositories: PageOf<{ fullName: string }> }).repositories;
        rest.push(...c.edges.map((e) => e.node.fullName));
        after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
      }
      const firstPage = connection.edges.map((e) => e.node.fullName);
      expect(rest).not.toContain('late/top'); // inserted before the cursor: not repeated, nothing shifted
      expect(rest.at(-1)).toBe('late/bottom'); // inserted after it: reached
      expect(rest.filter((name) => firstPage.includes(name))).toEqual([]);
      expect(firstPage.length + rest.length).toBe(61); // 60 + 2 new, minus the one before the cursor
    } finally {
      await t.app.db.prisma.repository.deleteMany({ where: { fullName: { startsWith: 'late/' } } });
    }
  });

  it.each([
    ['first above the cap', `{ repositories(first: 101) { totalCount } }`, /between 1 and 100/],
    ['first of zero', `{ repositories(first: 0) { totalCount } }`, /between 1 and 100/],
    ['a malformed cursor', `{ repositories(after: "garbage!") { totalCount } }`, /Invalid cursor/],
    [
      'a cursor of another list',
      `{ repositories(after: "eyJ2IjoxLCJvIjoiY3JlYXRlZF9kZXNjIiwiayI6W119") { totalCount } }`,
      /another ordering/,
    ],
  ])('refuses %s with BAD_USER_INPUT', async (_name, query, message) => {
    const result = await t.run(query);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
  });
});

describe('Repositories: owners are batched per request', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCatalog(t.app.db.prisma, { owners: 50, repositories: 50 });
  });
  afterAll(() => t.close());

  it('sends the same number of statements for 5 and for 50 repositories with their owners', async () => {
    const statementsFor = async (first: number) => {
      t.resetQueries();
      const result = await t.run(
        `query ($first: Int) { repositories(first: $first) { nodes { fullName owner { login } } } }`,
        { first },
      );
      expect(result.errors).toBeUndefined();
      const nodes = (result.data as { repositories: { nodes: Array<{ owner: { login: string } }> } }).repositories
        .nodes;
      expect(nodes).toHaveLength(first);
      expect(new Set(nodes.map((n) => n.owner.login)).size).toBe(first); // 50 distinct owners: batching is real
      return t.queries.length;
    };
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(fifty).toBe(five);
    expect(five).toBe(1); // the page, its owners joined in
  });

  it('counts the whole list only when totalCount is selected', async () => {
    t.resetQueries();
    await t.run(`{ repositories(first: 3) { nodes { fullName } } }`);
    const without = t.queries.length;
    t.resetQueries();
    await t.run(`{ repositories(first: 3) { totalCount nodes { fullName } } }`);
    expect(t.queries.length).toBe(without + 1);
  });
});

interface PageOf<T> {
  totalCount: number;
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}
