// Repository filters, alone and combined, keyword search with relevance, and the errors for bad filters.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../support/app.js';
import { errorCode, seedCatalog } from '../../../support/catalog.js';
import { connectionOf, expectConsistentPageInfo, walkBackward, walkForward } from '../../../support/connections.js';

const LIST = `query ($filter: RepositoryFilter, $orderBy: RepositoryOrder, $first: Int, $after: String, $last: Int, $before: String) {
  repositories(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { fullName stars forks language topicNames } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface Node {
  fullName: string;
  stars: number;
  forks: number;
  language: string | null;
  topicNames: string[];
}

// Hand-written repositories for keyword search, next to the 60 generated ones of seedCatalog.
const SEARCHABLE = [
  {
    fullName: 'tensorflow/tfjs',
    description: 'A WebGL accelerated JavaScript library for training and deploying ML models',
    topics: ['machine-learning', 'javascript', 'tensorflow'],
    language: 'TypeScript',
    stars: 18_000,
    updatedAt: new Date('2026-01-10T00:00:00Z'),
  },
  {
    fullName: 'facebook/react',
    description: 'The library for web and native user interfaces',
    topics: ['react', 'javascript', 'frontend'],
    language: 'JavaScript',
    stars: 230_000,
    updatedAt: new Date('2026-03-01T00:00:00Z'),
  },
  {
    fullName: 'preactjs/preact-router',
    description: 'URL router for Preact, an alternative to React',
    topics: ['router'],
    language: 'JavaScript',
    stars: 1_000,
    updatedAt: null,
  },
];

describe('Repositories: filters, keyword search and their errors', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCatalog(t.app.db.prisma, { owners: 12, repositories: 60 });
    for (const repo of SEARCHABLE) {
      const [login, name] = repo.fullName.split('/') as [string, string];
      const owner = await t.app.db.prisma.user.create({ data: { login } });
      await t.app.db.prisma.repository.create({ data: { ...repo, name, ownerId: owner.id } });
    }
  });
  afterAll(() => t.close());

  const list = async (variables: Record<string, unknown>) =>
    connectionOf<Node>(await t.run(LIST, { first: 100, ...variables }), 'repositories');
  const namesOf = (page: { edges: Array<{ node: Node }> }) => page.edges.map((edge) => edge.node.fullName);

  it('filters by language case-insensitively, and totalCount counts the filtered list', async () => {
    const go = await list({ filter: { language: 'go' } });
    expect(go.totalCount).toBe(30);
    expect(go.edges.every((edge) => edge.node.language === 'Go')).toBe(true);
  });

  it('filters by topics: all of them, any of them, and both at once', async () => {
    expect(namesOf(await list({ filter: { topics: { all: ['shared', 'TOPIC-3'] } } }))).toEqual(['owner-3/repo-3']);
    const any = await list({ filter: { topics: { any: ['topic-1', 'topic-2', 'nothing'] } } });
    expect(namesOf(any).sort()).toEqual(['owner-1/repo-1', 'owner-2/repo-2']);
    const both = await list({ filter: { topics: { all: ['javascript'], any: ['react', 'tensorflow'] } } });
    expect(namesOf(both)).toEqual(['facebook/react', 'tensorflow/tfjs']);
  });

  it('filters by a star range, an owner and a last update, combined with any ordering', async () => {
    const range = await list({
      filter: { minStars: 100, maxStars: 200 },
      orderBy: { field: 'STARS', direction: 'ASC' },
    });
    expect(range.edges.map((edge) => edge.node.stars)).toEqual([100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200]);
    const owned = await list({ filter: { ownerLogin: 'OWNER-3', language: 'TypeScript' } });
    expect(namesOf(owned)).toEqual([51, 39, 27, 15, 3].map((i) => `owner-3/repo-${i}`));
    const recent = await list({ filter: { updatedAfter: '2026-02-01T00:00:00Z' } });
    expect(namesOf(recent)).toEqual(['facebook/react']);
  });

  it.each([
    ['tensor', ['tensorflow/tfjs']], // a prefix of a topic and of a description word
    ['machine learning', ['tensorflow/tfjs']], // both words, from the topic "machine-learning"
    ['JavaScript library', ['facebook/react', 'tensorflow/tfjs']], // every word must match; case is ignored
    ['react', ['facebook/react', 'preactjs/preact-router']], // name, topic or description
    ['native', ['facebook/react']],
    ['number 42', ['owner-6/repo-42']],
    ["o'reilly \\ % _ *:", []], // tsquery syntax in the input is just text
  ])('finds "%s" by keyword in names, topics and descriptions', async (text, expected) => {
    expect(namesOf(await list({ filter: { text } }))).toEqual(expected);
  });

  it('ranks by relevance on request: a hit in the name before one in topics before one in the description', async () => {
    const ranked = await list({ filter: { text: 'react' }, orderBy: { field: 'RELEVANCE' } });
    expect(namesOf(ranked)).toEqual(['facebook/react', 'preactjs/preact-router']);
    const router = await list({ filter: { text: 'router' }, orderBy: { field: 'RELEVANCE' } });
    expect(namesOf(router)).toEqual(['preactjs/preact-router']);
  });

  it('pages a filtered, ordered list both ways with the same result', async () => {
    const filter = { language: 'typescript', minStars: 50, text: 'repository' };
    const orderBy = { field: 'FORKS', direction: 'ASC' };
    const all = await list({ filter, orderBy });
    expect(all.totalCount).toBe(28); // odd i from 5 to 59
    const forward = await walkForward((after) => list({ filter, orderBy, first: 4, after }));
    const backward = await walkBackward((before) => list({ filter, orderBy, first: null, last: 4, before }));
    expect(forward.items.map((n) => n.fullName)).toEqual(namesOf(all));
    expect(backward.items.map((n) => n.fullName)).toEqual(namesOf(all));
    expectConsistentPageInfo(forward.pages);
    expectConsistentPageInfo(backward.pages);
  });

  it.each([
    ['a star range upside down', { filter: { minStars: 10, maxStars: 5 } }, /"filter.minStars" \(10\) is above/],
    ['negative stars', { filter: { minStars: -1 } }, /"filter.minStars" must be 0 or more/],
    ['a malformed topic', { filter: { topics: { all: ['no spaces'] } } }, /is not a topic name/],
    ['an empty "any"', { filter: { topics: { any: [] } } }, /must name at least one topic/],
    ['a malformed owner', { filter: { ownerLogin: 'no/slash' } }, /is not a GitHub login/],
    ['text with no word', { filter: { text: ' ... ' } }, /has no word to search for/],
    ['text with too many words', { filter: { text: 'a b c d e f g h i j k' } }, /too many words/],
    ['relevance without text', { orderBy: { field: 'RELEVANCE' } }, /give "filter.text"/],
  ])('refuses %s with BAD_USER_INPUT saying what to fix', async (_name, variables, message) => {
    const result = await t.run(LIST, { first: 10, ...variables });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(result.data?.['repositories']).toBeUndefined();
  });
});
