// Relation lists (a repository's contributors, a topic's repositories) are connections like any other: paged
// both ways with exact pageInfo, and, when many parents ask for the same page, each parent gets its own.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { errorCode, seedCatalog, seedContributors } from '../../support/catalog.js';
import { connectionOf, expectConsistentPageInfo, walkBackward, walkForward } from '../../support/connections.js';

describe('Relation lists: paging contributors and topic repositories', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCatalog(t.app.db.prisma, { owners: 4, repositories: 8 });
    await seedContributors(t.app.db.prisma, { pool: 20, perRepository: 12 });
  });
  afterAll(() => t.close());

  const CONTRIBUTORS = `query ($first: Int, $after: String, $last: Int, $before: String) {
    repository(fullName: "owner-3/repo-3") {
      contributors(first: $first, after: $after, last: $last, before: $before) {
        totalCount edges { cursor weight node { login } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }`;
  type Edge = { login: string };
  const contributors = async (variables: Record<string, unknown>) =>
    connectionOf<Edge>(await t.run(CONTRIBUTORS, variables), 'repository.contributors');

  it("walks a repository's contributors forward and backward to the same heaviest-first list", async () => {
    const all = await contributors({ first: 100 });
    const expected = all.edges.map((edge) => edge.node.login);
    expect(expected).toHaveLength(12);
    const forward = await walkForward((after) => contributors({ first: 5, after }));
    const backward = await walkBackward((before) => contributors({ last: 5, before }));
    expect(forward.items.map((n) => n.login)).toEqual(expected);
    expect(backward.items.map((n) => n.login)).toEqual(expected);
    expectConsistentPageInfo(forward.pages);
    expectConsistentPageInfo(backward.pages);
  });

  it('gives each parent its own page when many parents ask for the same one, in one statement', async () => {
    t.resetQueries();
    const result = await t.run(`{ repositories(first: 8) { nodes {
      fullName
      last: contributors(last: 2) { edges { weight } pageInfo { hasNextPage hasPreviousPage } }
    } } }`);
    expect(result.errors).toBeUndefined();
    const nodes = (
      result.data as {
        repositories: {
          nodes: Array<{ fullName: string; last: { edges: Array<{ weight: number }>; pageInfo: unknown } }>;
        };
      }
    ).repositories.nodes;
    for (const node of nodes) {
      const i = Number(node.fullName.split('-').at(-1));
      // Contributor j of repository i weighs (12 - j) · 10 + i mod 7: the last two are j = 10 and 11.
      expect(node.last.edges.map((edge) => edge.weight)).toEqual([20 + (i % 7), 10 + (i % 7)]);
      expect(node.last.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    }
    expect(t.queries).toHaveLength(2); // the repositories, then every repository's last two contributors
  });

  it("walks a topic's repositories both ways with any ordering", async () => {
    const TOPIC = `query ($first: Int, $after: String, $last: Int, $before: String) {
      topic(name: "shared") {
        repositories(first: $first, after: $after, last: $last, before: $before, orderBy: { field: NAME, direction: DESC }) {
          edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }
    }`;
    const fetch = async (variables: Record<string, unknown>) =>
      connectionOf<{ name: string }>(await t.run(TOPIC, variables), 'topic.repositories');
    const expected = Array.from({ length: 8 }, (_, i) => `repo-${7 - i}`);
    const forward = await walkForward((after) => fetch({ first: 3, after }));
    const backward = await walkBackward((before) => fetch({ last: 3, before }));
    expect(forward.items.map((n) => n.name)).toEqual(expected);
    expect(backward.items.map((n) => n.name)).toEqual(expected);
    expectConsistentPageInfo(forward.pages);
    expectConsistentPageInfo(backward.pages);
  });

  it('refuses a cursor of another list and bad page arguments on relation fields too', async () => {
    const repositories = await t.run(`{ repositories(first: 1) { pageInfo { endCursor } } }`);
    const cursor = (repositories.data as { repositories: { pageInfo: { endCursor: string } } }).repositories.pageInfo
      .endCursor;
    const wrong = await t.run(CONTRIBUTORS, { first: 2, after: cursor });
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0]?.message).toMatch(/another ordering/);
    expect(errorCode(await t.run(CONTRIBUTORS, { first: 2, last: 2 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.run(CONTRIBUTORS, { last: 101 }))).toBe('BAD_USER_INPUT');
  });
});
