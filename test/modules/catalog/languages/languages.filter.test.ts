// `languages(filter:)`: name keywords (the catalog's `filter.text` rule: each word begins a word of the name,
// case-insensitive) and a minimum repository count, with totalCount and paging over the filtered list.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../support/app.js';
import { errorCode } from '../../../support/catalog.js';
import { connectionOf, expectConsistentPageInfo, walkBackward, walkForward } from '../../../support/connections.js';

// name → how many repositories are written in it
const CATALOG: Record<string, number> = {
  TypeScript: 4,
  JavaScript: 3,
  C: 2,
  'C++': 3,
  'Objective-C': 1,
  'Jupyter Notebook': 2,
  Go: 5,
  Rust: 1,
};

describe('Languages: filters', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await t.app.db.prisma.user.create({ data: { login: 'owner' } });
    await t.app.db.prisma.repository.createMany({
      data: Object.entries(CATALOG).flatMap(([language, count], j) =>
        Array.from({ length: count }, (_, i) => ({
          fullName: `owner/lang${j}-${i}`,
          name: `lang${j}-${i}`,
          ownerId: owner.id,
          language,
          stars: i,
        })),
      ),
    });
  });
  afterAll(() => t.close());

  const LANGUAGES = `query ($filter: LanguageFilter, $orderBy: LanguageOrder, $first: Int, $after: String, $last: Int, $before: String) {
    languages(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { cursor node { name repositoryCount } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
  type Node = { name: string; repositoryCount: number };
  const languages = async (variables: Record<string, unknown>) =>
    connectionOf<Node>(await t.run(LANGUAGES, variables), 'languages');
  const byName = { field: 'NAME' };
  const names = async (filter: Record<string, unknown>) => {
    const page = await languages({ filter, orderBy: byName, first: 100 });
    expect(page.totalCount).toBe(page.edges.length);
    return page.edges.map((edge) => edge.node.name);
  };

  it.each([
    ['type', ['TypeScript']],
    ['TYPE', ['TypeScript']],
    ['script', []], // a prefix of a word, as in the catalog's search: "script" begins no word
    ['c', ['C', 'C++', 'Objective-C']],
    ['objective', ['Objective-C']],
    ['note', ['Jupyter Notebook']],
    ['jupyter note', ['Jupyter Notebook']],
    ['jupyter rust', []],
    ['ja go', []],
  ])('text %j finds %j', async (text, expected) => {
    expect(await names({ text })).toEqual(expected);
  });

  it('keeps languages with at least minRepositoryCount repositories', async () => {
    expect(await names({ minRepositoryCount: 3 })).toEqual(['C++', 'Go', 'JavaScript', 'TypeScript']);
    expect(await names({ minRepositoryCount: 0 })).toHaveLength(Object.keys(CATALOG).length);
    expect(await names({ minRepositoryCount: 6 })).toEqual([]);
  });

  it('combines both filters, and pages the filtered list both ways with exact pageInfo', async () => {
    expect(await names({ text: 'c', minRepositoryCount: 2 })).toEqual(['C', 'C++']);
    const filter = { minRepositoryCount: 2 };
    const expected = ['Go', 'TypeScript', 'C++', 'JavaScript', 'C', 'Jupyter Notebook']; // most repositories first
    const forward = await walkForward((after) => languages({ filter, first: 4, after }));
    const backward = await walkBackward((before) => languages({ filter, last: 4, before }));
    expect(forward.items.map((node) => node.name)).toEqual(expected);
    expect(backward.items.map((node) => node.name)).toEqual(expected);
    expectConsistentPageInfo(forward.pages);
    expectConsistentPageInfo(backward.pages);
    expect(forward.pages.map((page) => page.totalCount)).toEqual([6, 6]);
  });

  it.each([
    ['a negative minimum', { minRepositoryCount: -1 }, /"filter.minRepositoryCount" must be 0 or more/],
    ['text with no word', { text: ' + ' }, /"filter.text" has no word/],
  ])('refuses %s with BAD_USER_INPUT', async (_name, filter, message) => {
    const result = await t.run(LANGUAGES, { filter });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
  });
});
