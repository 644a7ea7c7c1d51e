// Topics: lookup by name or alias, lists (keyword search, featured, by name or by repository count, both
// directions), and their relations (repositories, related topics) batched over topics.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../support/app.js';
import { errorCode, seedCatalog } from '../../../support/catalog.js';
import { connectionOf, expectConsistentPageInfo, walkBackward, walkForward } from '../../../support/connections.js';

describe('Topics: lookup, lists and relations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    // 30 repositories: topics [topic-i, shared]; "shared" is on all of them.
    await seedCatalog(t.app.db.prisma, { owners: 3, repositories: 30 });
    const prisma = t.app.db.prisma;
    await prisma.topic.createMany({
      data: [
        {
          name: 'javascript',
          displayName: 'JavaScript',
          shortDescription: 'The language of the web.',
          aliases: ['js', 'ecmascript'],
          related: ['nodejs', 'typescript', 'missing-topic'],
          featured: true,
        },
        { name: 'nodejs', displayName: 'Node.js', shortDescription: 'JavaScript runtime', featured: true },
        { name: 'typescript', displayName: 'TypeScript', aliases: ['ts'], featured: true },
      ],
    });
    const owner = await prisma.user.findFirstOrThrow();
    await prisma.repository.createMany({
      data: ['one', 'two', 'three'].map((name, i) => ({
        fullName: `js/${name}`,
        name,
        ownerId: owner.id,
        topics: i === 0 ? ['javascript', 'nodejs'] : ['javascript'],
        stars: 100 * (i + 1),
      })),
    });
  });
  afterAll(() => t.close());

  const TOPICS = `query ($filter: TopicFilter, $orderBy: TopicOrder, $first: Int, $after: String, $last: Int, $before: String) {
    topics(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
  const topics = async (variables: Record<string, unknown>) =>
    connectionOf<{ name: string }>(await t.run(TOPICS, variables), 'topics');
  const names = (page: { edges: Array<{ node: { name: string } }> }) => page.edges.map((edge) => edge.node.name);

  it('finds a topic by name or by one of its aliases, case-insensitively, with its fields', async () => {
    const result = await t.run(`{
      byName: topic(name: "JavaScript") { name displayName shortDescription aliases relatedNames featured githubUrl }
      byAlias: topic(name: "js") { name }
      plain: topic(name: "topic-7") { name displayName featured }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      byName: {
        name: 'javascript',
        displayName: 'JavaScript',
        shortDescription: 'The language of the web.',
        aliases: ['js', 'ecmascript'],
        relatedNames: ['nodejs', 'typescript', 'missing-topic'],
        featured: true,
        githubUrl: 'https://github.com/topics/javascript',
      },
      byAlias: { name: 'javascript' },
      plain: { name: 'topic-7', displayName: 'topic-7', featured: false },
    });
  });

  it('answers an unknown topic with NOT_FOUND and a malformed one with BAD_USER_INPUT', async () => {
    expect(errorCode(await t.run(`{ topic(name: "no-such-topic") { name } }`))).toBe('NOT_FOUND');
    expect(errorCode(await t.run(`{ topic(name: "not a topic") { name } }`))).toBe('BAD_USER_INPUT');
  });

  it('lists topics by name, forward and backward alike', async () => {
    const all = await topics({ first: 100 });
    expect(all.totalCount).toBe(34);
    expect(names(all).slice(0, 3)).toEqual(['javascript', 'nodejs', 'shared']);
    const forward = await walkForward((after) => topics({ first: 8, after }));
    const backward = await walkBackward((before) => topics({ last: 8, before }));
    expect(forward.items.map((n) => n.name)).toEqual(names(all));
    expect(backward.items.map((n) => n.name)).toEqual(names(all));
    expectConsistentPageInfo(forward.pages);
    expectConsistentPageInfo(backward.pages);
  });

  it('orders topics by how many repositories carry them, and pages that ordering', async () => {
    const orderBy = { field: 'REPOSITORY_COUNT' };
    const top = await topics({ first: 3, orderBy });
    expect(names(top)).toEqual(['shared', 'javascript', 'nodejs']);
    const rest = await walkForward((after) => topics({ first: 5, after: after ?? top.pageInfo.endCursor, orderBy }));
    expect(rest.items).toHaveLength(31);
    expect(rest.items.map((n) => n.name)).toContain('typescript'); // no repository: still listed, last
    expect(rest.items.at(-1)!.name).toBe('typescript');
  });

  it('filters topics by keywords in name, display name, aliases and description, and by featured', async () => {
    expect(names(await topics({ filter: { text: 'ecma' } }))).toEqual(['javascript']);
    expect(names(await topics({ filter: { text: 'runtime' } }))).toEqual(['nodejs']);
    expect(names(await topics({ filter: { text: 'script' } }))).toEqual([]); // prefixes, not substrings
    expect(names(await topics({ filter: { text: 'javascript' }, orderBy: { field: 'RELEVANCE' } }))).toEqual([
      'javascript', // in its name
      'nodejs', // in its description
    ]);
    expect(names(await topics({ filter: { featured: true } }))).toEqual(['javascript', 'nodejs', 'typescript']);
    expect((await topics({ filter: { featured: false } })).totalCount).toBe(31);
  });

  it("resolves each topic's repositories and related topics, batched over the listed topics", async () => {
    const query = `{ topics(first: 3, filter: { featured: true }) { nodes {
      name
      repositories(first: 2) { totalCount nodes { fullName } pageInfo { hasNextPage } }
      relatedTopics { name }
    } } }`;
    t.resetQueries();
    const result = await t.run(query);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      topics: {
        nodes: [
          {
            name: 'javascript',
            repositories: {
              totalCount: 3,
              nodes: [{ fullName: 'js/three' }, { fullName: 'js/two' }],
              pageInfo: { hasNextPage: true },
            },
            relatedTopics: [{ name: 'nodejs' }, { name: 'typescript' }], // "missing-topic" has no row
          },
          {
            name: 'nodejs',
            repositories: { totalCount: 1, nodes: [{ fullName: 'js/one' }], pageInfo: { hasNextPage: false } },
            relatedTopics: [],
          },
          {
            name: 'typescript',
            repositories: { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } },
            relatedTopics: [],
          },
        ],
      },
    });
    expect(t.queries).toHaveLength(4); // topics page, their repository pages, repository counts, related topics
  });

  it('refuses RELEVANCE without text', async () => {
    const result = await t.run(`{ topics(orderBy: { field: RELEVANCE }) { totalCount } }`);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });
});
