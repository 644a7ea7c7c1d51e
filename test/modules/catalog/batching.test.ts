// The catalog's promise that SQL never grows with list size: a deep operation (repositories → owner, topics,
// primary language, 10 contributors each → their tech stacks) costs the same few statements for 5 repositories
// as for 50, because every relation field goes through a per-request DataLoader and relation lists are read for
// all parents in one statement.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('answers 5 and 50 repositories with owners, topics, languages, contributors and tech stacks in the same 8 statements', async () => {
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

    // One each: the page, its count, owners, topics, languages, contributor pages (their users come along),
    // contributor counts, tech stacks.
    expect(five.statements).toHaveLength(8);
    expect(fifty.statements).toHaveLength(8);
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
