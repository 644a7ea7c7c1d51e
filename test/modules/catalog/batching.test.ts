// The catalog's promise that SQL never grows with list size: a deep operation (repositories → owner, topics,
// primary language, 10 contributors each → their tech stacks) costs the same few statements for 5 repositories
// as for 50, because every relation field goes through a per-request DataLoader and relation lists are read for
// all parents in one statement.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../../src/graphql/global-id.js';
import {
  RepositoryService,
  repositoryListQuery,
  repositorySelect,
} from '../../../src/modules/catalog/repositories/index.js';
import { UserService } from '../../../src/modules/catalog/users/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { seedCatalog, seedContributors } from '../../support/catalog.js';

const NESTED = `query Nested($first: Int!) {
  repositories(first: $first) {
    totalCount
    nodes {
      fullName
      owner { login }
      topics { name displayName }
      primaryLanguage { name repositoryCount }
      contributors(first: 10) {
        totalCount
        pageInfo { hasNextPage }
        edges {
          weight
          node {
            login
            techStack(limit: 3) { languages { name share } topics { name share } }
          }
        }
      }
    }
  }
}`;

interface Nested {
  repositories: {
    totalCount: number;
    nodes: Array<{
      fullName: string;
      owner: { login: string };
      topics: Array<{ name: string }>;
      primaryLanguage: { name: string; repositoryCount: number };
      contributors: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean };
        edges: Array<{
          weight: number;
          node: {
            login: string;
            techStack: { languages: Array<{ name: string; share: number }>; topics: Array<{ name: string }> };
          };
        }>;
      };
    }>;
  };
}

describe('Catalog batching: statements per operation do not grow with the number of items', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCatalog(t.app.db.prisma, { owners: 50, repositories: 50 });
    await seedContributors(t.app.db.prisma, { pool: 120, perRepository: 12 });
  });
  afterAll(() => t.close());

  const statementsFor = async (first: number) => {
    t.resetQueries();
    const result = await t.run<Nested>(NESTED, { first });
    expect(result.errors).toBeUndefined();
    return { statements: [...t.queries], data: result.data! };
  };

  it('answers 5 and 50 repositories with owners, topics, languages, contributors and tech stacks in the same 7 statements', async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);

    // The data is complete and really batched: 50 distinct owners, 10 of 12 contributors each, tech stacks.
    const nodes = fifty.data.repositories.nodes;
    expect(nodes).toHaveLength(50);
    expect(new Set(nodes.map((n) => n.owner.login)).size).toBe(50);
    for (const node of nodes) {
      expect(node.topics.map((topic) => topic.name)).toEqual([`topic-${node.fullName.split('-').at(-1)}`, 'shared']);
      expect(node.primaryLanguage.repositoryCount).toBe(25);
      expect(node.contributors.totalCount).toBe(12);
      expect(node.contributors.pageInfo.hasNextPage).toBe(true);
      const weights = node.contributors.edges.map((edge) => edge.weight);
      expect(weights).toHaveLength(10);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      for (const edge of node.contributors.edges) {
        expect(edge.node.techStack.languages.length).toBeGreaterThan(0);
        expect(edge.node.techStack.topics.length).toBeGreaterThanOrEqual(2); // "shared" and its own topic-i, at least
        expect(edge.node.techStack.topics.length).toBeLessThanOrEqual(3); // limit: 3
      }
    }
    const contributors = new Set(nodes.flatMap((n) => n.contributors.edges.map((e) => e.node.login)));
    expect(contributors.size).toBeGreaterThan(50);

    // One each: the page (its owners come along), its count, topics, languages, contributor pages (their users
    // come along), contributor counts, tech stacks.
    expect(five.statements).toHaveLength(7);
    expect(fifty.statements).toHaveLength(7);
  });

  it('answers 5 and 50 users with their contributions, repositories and tech stacks in the same 7 statements', async () => {
    const query = `query ($first: Int!) {
      users(first: $first, filter: { text: "dev" }, orderBy: { field: FOLLOWERS, direction: ASC }) {
        nodes {
          login
          techStack { languages { name } }
          repositories(first: 2) { totalCount nodes { fullName } }
          contributions(first: 3) {
            nodes { weight repository { fullName owner { login } topics { name } } user { login } }
          }
        }
      }
    }`;
    const counts: number[] = [];
    for (const first of [5, 50]) {
      t.resetQueries();
      const result = await t.run<{
        users: { nodes: Array<{ login: string; contributions: { nodes: Array<{ user: { login: string } }> } }> };
      }>(query, { first });
      expect(result.errors).toBeUndefined();
      const users = result.data!.users.nodes;
      expect(users).toHaveLength(first);
      for (const user of users) {
        expect(user.contributions.nodes.length).toBeGreaterThan(0);
        expect(user.contributions.nodes.every((c) => c.user.login === user.login)).toBe(true);
      }
      counts.push(t.queries.length);
    }
    // One each: the users page, tech stacks, owned repository pages, their counts, contribution pages (their
    // repositories come along), users (the repositories' owners and the contributions' users together), topics.
    expect(counts).toEqual([7, 7]);
  });
});

// Every scalar field of User.
const USER_FIELDS = `id databaseId githubId login type name bio company location avatarUrl publicRepos followers
  following createdAt url`;

interface Owned {
  fullName: string;
  owner: Record<string, unknown> & { id: string };
}

describe('Repositories with their owner: one statement, the owner joined in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCatalog(t.app.db.prisma, { owners: 25, repositories: 30 });
    // Every owner field filled (the seed leaves most of them NULL), so "the same owner" compares real values.
    const owners = await t.app.db.prisma.user.findMany({ select: { id: true } });
    for (const { id } of owners) {
      await t.app.db.prisma.user.update({
        where: { id },
        data: {
          githubId: 9_000_000_000n + BigInt(id),
          type: id % 2 === 0 ? 'USER' : 'ORGANIZATION',
          name: `Name ${id}`,
          bio: `Bio of ${id}`,
          company: `Company ${id}`,
          location: `City ${id}`,
          avatarUrl: `https://avatars.example/${id}`,
          publicRepos: id,
          following: id * 2,
          createdAt: new Date(Date.UTC(2015, 0, id, 12, 34, 56, 789)),
          etag: `"etag-${id}"`,
        },
      });
    }
  });
  afterAll(() => t.close());

  /** The owners as the user loader reads them on its own (UserService.findByIds, the path `owner` took before). */
  const ownersByNode = async (ids: readonly string[]) => {
    const result = await t.run<{ nodes: Array<Record<string, unknown>> }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on User { ${USER_FIELDS} } } }`,
      { ids },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.nodes;
  };

  it('answers repository(fullName) { owner } in one statement, with the same owner as before', async () => {
    t.resetQueries();
    const result = await t.run<{ repository: Owned }>(
      `{ repository(fullName: "OWNER-3/repo-28") { fullName owner { ${USER_FIELDS} } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(t.queries).toHaveLength(1);
    const { repository } = result.data!;
    expect(repository.fullName).toBe('owner-3/repo-28');
    expect(repository.owner).toMatchObject({ login: 'owner-3', name: expect.stringMatching(/^Name \d+$/) });
    expect([repository.owner]).toEqual(await ownersByNode([repository.owner.id]));
  });

  it('answers repositories(first: 20) { nodes { owner } } in one statement, with the same owners as before', async () => {
    t.resetQueries();
    const result = await t.run<{ repositories: { nodes: Owned[] } }>(
      `{ repositories(first: 20) { nodes { fullName owner { ${USER_FIELDS} } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(t.queries).toHaveLength(1);
    const nodes = result.data!.repositories.nodes;
    expect(nodes).toHaveLength(20);
    // Most starred first: repo-29 .. repo-10, owned by owner-(i mod 25), some owners twice.
    expect(nodes.map((node) => node.fullName)).toEqual(
      Array.from({ length: 20 }, (_, k) => `owner-${(29 - k) % 25}/repo-${29 - k}`),
    );
    expect(nodes.map((node) => node.owner.login)).toEqual(nodes.map((node) => node.fullName.split('/')[0]));
    expect(nodes.map((node) => node.owner)).toEqual(await ownersByNode(nodes.map((node) => node.owner.id)));
  });

  it('answers node(id) and nodes(ids) of repositories with their owners in one statement', async () => {
    const repositories = await t.app.db.prisma.repository.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    const ids = repositories.map((repository) => toGlobalId('Repository', repository.id));
    t.resetQueries();
    const result = await t.run<{ node: Owned; nodes: Owned[] }>(
      `query ($id: ID!, $ids: [ID!]!) {
        node(id: $id) { ... on Repository { fullName owner { login } } }
        nodes(ids: $ids) { ... on Repository { fullName owner { login } } }
      }`,
      { id: ids[0], ids },
    );
    expect(result.errors).toBeUndefined();
    expect(t.queries).toHaveLength(1);
    expect(result.data!.node).toEqual({ fullName: 'owner-0/repo-0', owner: { login: 'owner-0' } });
    for (const node of result.data!.nodes) expect(node.owner.login).toBe(node.fullName.split('/')[0]);
  });

  it('reads repository and owner records exactly as the unjoined reads do', async () => {
    const prisma = t.app.db.prisma;
    const repositories = new RepositoryService(prisma);
    const users = new UserService(prisma);
    const page = await repositories.list(repositoryListQuery({ first: 20 }));
    const one = await repositories.getByFullName('owner-7/repo-7');
    const byId = await repositories.findByIds([one.id, page.rows[0]!.id]);
    for (const { owner, ...repository } of [...page.rows, one, ...byId.values()]) {
      expect(repository).toEqual(
        await prisma.repository.findUniqueOrThrow({ where: { id: repository.id }, select: repositorySelect }),
      );
      expect(owner).toEqual((await users.findByIds([repository.ownerId])).get(repository.ownerId));
      expect(owner.githubId).toBe(9_000_000_000n + BigInt(owner.id));
      expect(owner.createdAt).toBeInstanceOf(Date);
    }
  });
});
