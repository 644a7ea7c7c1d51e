// Users: lookup, lists (filters, orderings, both directions), contributions, owned repositories and tech stacks.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../../../src/generated/prisma/client.js';
import { createTestApp, type TestApp } from '../../../support/app.js';
import { errorCode } from '../../../support/catalog.js';
import { connectionOf, expectConsistentPageInfo, walkBackward, walkForward } from '../../../support/connections.js';

/**
 * ada contributed to four repositories and starred a fifth; grace owns two; linus has nothing. The tech stack
 * numbers below follow from these weights by hand.
 */
async function seed(prisma: PrismaClient) {
  await prisma.user.createMany({
    data: [
      { login: 'ada', name: 'Ada Lovelace', company: 'Analytical Engines', followers: 500, type: 'USER' },
      { login: 'grace', name: 'Grace Hopper', location: 'Arlington', followers: 900, type: 'USER' },
      { login: 'linus', name: 'Linus', followers: null, type: 'USER' },
      { login: 'acme', name: 'ACME Corp', followers: 50, type: 'ORGANIZATION' },
      { login: 'dependabot[bot]', type: 'BOT', followers: 0 },
    ],
  });
  const id = Object.fromEntries((await prisma.user.findMany()).map((u) => [u.login, u.id]));
  const repo = (name: string, language: string | null, topics: string[], stars: number, owner = 'grace') =>
    prisma.repository.create({
      data: { fullName: `${owner}/${name}`, name, ownerId: id[owner]!, language, topics, stars },
    });
  const a = await repo('a', 'TypeScript', ['web', 'graphql'], 5);
  const b = await repo('b', 'TypeScript', ['web'], 50);
  const c = await repo('c', 'Go', [], 10, 'acme');
  const d = await repo('d', null, ['cli'], 1, 'acme');
  const e = await repo('e', 'Rust', ['systems'], 1, 'acme');
  await prisma.contribution.createMany({
    data: [
      { userId: id['ada']!, repositoryId: a.id, weight: 30 },
      { userId: id['ada']!, repositoryId: b.id, weight: 10 },
      { userId: id['ada']!, repositoryId: c.id, weight: 60 },
      { userId: id['ada']!, repositoryId: d.id, weight: 100 },
      { userId: id['ada']!, repositoryId: e.id, weight: 1, kind: 'STARRED' },
      { userId: id['grace']!, repositoryId: a.id, weight: 7 },
    ],
  });
}

describe('Users: lookup, lists and relations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seed(t.app.db.prisma);
  });
  afterAll(() => t.close());

  const logins = (page: { edges: Array<{ node: { login: string } }> }) => page.edges.map((edge) => edge.node.login);
  const USERS = `query ($filter: UserFilter, $orderBy: UserOrder, $first: Int, $after: String, $last: Int, $before: String) {
    users(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { cursor node { login } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
  const users = async (variables: Record<string, unknown>) =>
    connectionOf<{ login: string }>(await t.run(USERS, variables), 'users');

  it('finds a user by login case-insensitively, including GitHub App bots', async () => {
    const result = await t.run(`{ a: user(login: "ADA") { login name } b: user(login: "dependabot[bot]") { type } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ a: { login: 'ada', name: 'Ada Lovelace' }, b: { type: 'BOT' } });
  });

  it('lists users most followed first, unknown follower counts last, and pages back to the same order', async () => {
    const all = await users({ first: 100 });
    expect(logins(all)).toEqual(['grace', 'ada', 'acme', 'dependabot[bot]', 'linus']);
    expect(all.totalCount).toBe(5);
    const back = await walkBackward((before) => users({ last: 2, before }));
    expect(back.items.map((n) => n.login)).toEqual(logins(all));
    expectConsistentPageInfo(back.pages);
  });

  it('filters by type, follower range and keywords in login, name, company and location', async () => {
    expect(logins(await users({ filter: { type: 'ORGANIZATION' } }))).toEqual(['acme']);
    expect(logins(await users({ filter: { minFollowers: 50, maxFollowers: 500 } }))).toEqual(['ada', 'acme']);
    expect(logins(await users({ filter: { text: 'ANALYTICAL' } }))).toEqual(['ada']);
    expect(logins(await users({ filter: { text: 'gra hop' } }))).toEqual(['grace']);
    expect(logins(await users({ filter: { text: 'arlington' } }))).toEqual(['grace']);
    expect(logins(await users({ filter: { text: 'dependabot' } }))).toEqual(['dependabot[bot]']);
  });

  it('orders by login ascending by default for LOGIN, and walks it forward with exact pageInfo', async () => {
    const forward = await walkForward((after) => users({ first: 2, after, orderBy: { field: 'LOGIN' } }));
    expect(forward.items.map((n) => n.login)).toEqual(['acme', 'ada', 'dependabot[bot]', 'grace', 'linus']);
    expectConsistentPageInfo(forward.pages);
  });

  it("lists a user's contributions heaviest first, of one kind, with their repositories", async () => {
    const result = await t.run(`{
      user(login: "ada") {
        contributions(first: 3) {
          totalCount
          pageInfo { hasNextPage }
          nodes { weight kind repository { fullName owner { login } } user { login } }
        }
        starred: contributions(kind: STARRED) { totalCount nodes { repository { fullName } } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const user = (result.data as { user: Record<string, { totalCount: number; nodes: unknown[] }> }).user;
    expect(user['contributions']).toEqual({
      totalCount: 4,
      pageInfo: { hasNextPage: true },
      nodes: [
        {
          weight: 100,
          kind: 'CONTRIBUTED',
          repository: { fullName: 'acme/d', owner: { login: 'acme' } },
          user: { login: 'ada' },
        },
        {
          weight: 60,
          kind: 'CONTRIBUTED',
          repository: { fullName: 'acme/c', owner: { login: 'acme' } },
          user: { login: 'ada' },
        },
        {
          weight: 30,
          kind: 'CONTRIBUTED',
          repository: { fullName: 'grace/a', owner: { login: 'grace' } },
          user: { login: 'ada' },
        },
      ],
    });
    expect(user['starred']).toEqual({ totalCount: 1, nodes: [{ repository: { fullName: 'acme/e' } }] });
  });

  it("lists a repository's contributors with their weights on the edges", async () => {
    const result = await t.run(`{ repository(fullName: "grace/a") {
      contributors { totalCount edges { weight kind node { login } } }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      repository: {
        contributors: {
          totalCount: 2,
          edges: [
            { weight: 30, kind: 'CONTRIBUTED', node: { login: 'ada' } },
            { weight: 7, kind: 'CONTRIBUTED', node: { login: 'grace' } },
          ],
        },
      },
    });
  });

  it('computes a tech stack from contribution weights: languages and topics as shares, largest first', async () => {
    const result = await t.run(`{
      ada: user(login: "ada") { techStack { languages { name share weight repositoryCount } topics { name share weight repositoryCount } } }
      top: user(login: "ada") { techStack(limit: 1) { languages { name share } topics { name share } } }
      linus: user(login: "linus") { techStack { languages { name } topics { name } } }
    }`);
    expect(result.errors).toBeUndefined();
    const data = result.data as Record<string, { techStack: Record<string, Array<Record<string, unknown>>> }>;
    // Languages: Go 60, TypeScript 30 + 10 (d has no language, e was only starred) → 0.6 / 0.4.
    expect(data['ada']!.techStack['languages']).toEqual([
      { name: 'Go', share: 0.6, weight: 60, repositoryCount: 1 },
      { name: 'TypeScript', share: 0.4, weight: 40, repositoryCount: 2 },
    ]);
    // Topics: a's 30 split over web and graphql, b's 10 to web, d's 100 to cli: 140 in all.
    const topics = data['ada']!.techStack['topics']!;
    expect(topics.map((entry) => [entry['name'], entry['weight'], entry['repositoryCount']])).toEqual([
      ['cli', 100, 1],
      ['web', 25, 2],
      ['graphql', 15, 1],
    ]);
    expect(topics.map((entry) => entry['share'] as number)).toEqual(
      [100 / 140, 25 / 140, 15 / 140].map((x) => expect.closeTo(x, 12)),
    );
    // A limit keeps the top entries; their shares stay shares of everything.
    expect(data['top']!.techStack).toEqual({
      languages: [{ name: 'Go', share: 0.6 }],
      topics: [{ name: 'cli', share: expect.closeTo(100 / 140, 12) }],
    });
    expect(data['linus']!.techStack).toEqual({ languages: [], topics: [] });
  });

  it('lists the repositories an account owns, with any repository ordering', async () => {
    const result = await t.run(
      `{ user(login: "acme") { repositories(orderBy: { field: NAME, direction: DESC }) { totalCount nodes { fullName } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      user: {
        repositories: {
          totalCount: 3,
          nodes: [{ fullName: 'acme/e' }, { fullName: 'acme/d' }, { fullName: 'acme/c' }],
        },
      },
    });
  });

  it.each([
    [
      'a tech stack limit above the cap',
      `{ user(login: "ada") { techStack(limit: 51) { languages { name } } } }`,
      /"limit" must be between 1 and 50/,
    ],
    [
      'a follower range upside down',
      `{ users(filter: { minFollowers: 9, maxFollowers: 1 }) { totalCount } }`,
      /is above "filter.maxFollowers"/,
    ],
    ['relevance without text', `{ users(orderBy: { field: RELEVANCE }) { totalCount } }`, /give "filter.text"/],
    ['a malformed login', `{ user(login: "not a login") { login } }`, /is not a GitHub login/],
  ])('refuses %s with BAD_USER_INPUT', async (_name, query, message) => {
    const result = await t.run(query);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
  });
});
