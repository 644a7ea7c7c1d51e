// Languages: the catalog grouped by primary language, with counts, orderings, lookups and their repositories.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../support/app.js';
import { errorCode } from '../../../support/catalog.js';
import { connectionOf, expectConsistentPageInfo, walkBackward, walkForward } from '../../../support/connections.js';

// name → stars of its repositories
const CATALOG: Record<string, number[]> = {
  Go: [10, 20, 30],
  TypeScript: [500, 5],
  Rust: [1000],
  'C++': [1, 2, 3, 4],
  Zig: [7],
};

describe('Languages: counts, orderings, lookups and repositories', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await t.app.db.prisma.user.create({ data: { login: 'owner' } });
    await t.app.db.prisma.repository.createMany({
      data: [
        ...Object.entries(CATALOG).flatMap(([language, stars]) =>
          stars.map((star, i) => ({
            fullName: `owner/${language}-${i}`,
            name: `${language}-${i}`,
            ownerId: owner.id,
            language,
            stars: star,
          })),
        ),
        { fullName: 'owner/docs', name: 'docs', ownerId: owner.id, language: null, stars: 99 },
      ],
    });
  });
  afterAll(() => t.close());

  const LANGUAGES = `query ($orderBy: LanguageOrder, $first: Int, $after: String, $last: Int, $before: String) {
    languages(orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { cursor node { name repositoryCount totalStars } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
  type Node = { name: string; repositoryCount: number; totalStars: number };
  const languages = async (variables: Record<string, unknown>) =>
    connectionOf<Node>(await t.run(LANGUAGES, variables), 'languages');

  it('lists languages with repository counts and total stars, most repositories first, ties by name', async () => {
    const all = await languages({ first: 100 });
    expect(all.totalCount).toBe(5); // repositories without a language are no language
    expect(all.edges.map((e) => e.node)).toEqual([
      { name: 'C++', repositoryCount: 4, totalStars: 10 },
      { name: 'Go', repositoryCount: 3, totalStars: 60 },
      { name: 'TypeScript', repositoryCount: 2, totalStars: 505 },
      { name: 'Rust', repositoryCount: 1, totalStars: 1000 },
      { name: 'Zig', repositoryCount: 1, totalStars: 7 },
    ]);
  });

  it.each([
    [{ field: 'TOTAL_STARS' }, ['Rust', 'TypeScript', 'Go', 'C++', 'Zig']],
    [{ field: 'NAME' }, ['C++', 'Go', 'Rust', 'TypeScript', 'Zig']],
    [{ field: 'REPOSITORY_COUNT', direction: 'ASC' }, ['Rust', 'Zig', 'TypeScript', 'Go', 'C++']],
  ])('orders by %o and pages it both ways', async (orderBy, expected) => {
    const forward = await walkForward((after) => languages({ first: 2, after, orderBy }));
    const backward = await walkBackward((before) => languages({ last: 2, before, orderBy }));
    expect(forward.items.map((n) => n.name)).toEqual(expected);
    expect(backward.items.map((n) => n.name)).toEqual(expected);
    expectConsistentPageInfo(forward.pages);
    expectConsistentPageInfo(backward.pages);
  });

  it('finds a language case-insensitively and lists its repositories; a repository links its primary language', async () => {
    const result = await t.run(`{
      language(name: "typescript") { id name repositoryCount repositories(first: 1) { totalCount nodes { fullName primaryLanguage { name totalStars } } } }
      repository(fullName: "owner/docs") { language primaryLanguage { name } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      language: {
        name: 'TypeScript',
        repositoryCount: 2,
        repositories: {
          totalCount: 2,
          nodes: [{ fullName: 'owner/TypeScript-0', primaryLanguage: { name: 'TypeScript', totalStars: 505 } }],
        },
      },
      repository: { language: null, primaryLanguage: null },
    });
  });

  it('answers an unknown language with NOT_FOUND', async () => {
    const result = await t.run(`{ language(name: "COBOL") { name } }`);
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(result.data).toEqual({ language: null });
  });
});
