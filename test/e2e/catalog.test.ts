// The catalog API as a frontend sees it: the typed documents codegen makes from the modules' examples.graphql,
// sent over HTTP to the composed application, and the error codes a client gets for bad input.
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LanguagesDocument,
  NodesDocument,
  RepositoryOverviewDocument,
  RepositorySearchDocument,
  TopicDocument,
  TopicSearchDocument,
  UserProfileDocument,
  UserSearchDocument,
  type LanguagesQuery,
  type NodesQuery,
  type RepositoryOverviewQuery,
  type RepositorySearchQuery,
  type RepositorySearchQueryVariables,
  type TopicQuery,
  type TopicSearchQuery,
  type UserProfileQuery,
  type UserSearchQuery,
} from '../../src/generated/graphql/graphql.js';
import type { RunningServer } from '../../src/server/index.js';
import type { TestApp } from '../support/app.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { seedCatalog, seedContributors } from '../support/catalog.js';

interface Response<T> {
  status: number;
  body: { data?: T; errors?: Array<{ message: string; extensions: { code: string } }> };
}

describe('API: the catalog through its typed documents over HTTP', () => {
  let s: AppServer;
  let t: TestApp;
  let server: RunningServer;

  beforeAll(async () => {
    s = await startAppServer();
    ({ t, server } = s);
    await seedCatalog(t.app.db.prisma, { owners: 6, repositories: 30 });
    await seedContributors(t.app.db.prisma, { pool: 40, perRepository: 5 });
    await t.app.db.prisma.topic.update({
      where: { name: 'shared' },
      data: { displayName: 'Shared', aliases: ['common'], related: ['topic-1'], featured: true },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  const post = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<Response<T>> => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Response<T>['body'] };
  };

  it('searches repositories and pages back from the end with the same document', async () => {
    const variables: RepositorySearchQueryVariables = {
      filter: { language: 'go', topics: { all: ['shared'] } },
      orderBy: { field: 'STARS', direction: 'ASC' },
      last: 3,
    };
    const { status, body } = await post<RepositorySearchQuery>(print(RepositorySearchDocument), variables);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const page = body.data!.repositories;
    expect(page.totalCount).toBe(15);
    expect(page.edges.map((edge) => edge.node.stars)).toEqual([240, 260, 280]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(page.edges[0]!.node.primaryLanguage).toEqual({ name: 'Go' });

    const before = await post<RepositorySearchQuery>(print(RepositorySearchDocument), {
      ...variables,
      before: page.pageInfo.startCursor,
    });
    expect(before.body.data!.repositories.edges.map((edge) => edge.node.stars)).toEqual([180, 200, 220]);
  });

  it('shows a repository with its topics, language and contributors with their tech stacks', async () => {
    const { body } = await post<RepositoryOverviewQuery>(print(RepositoryOverviewDocument), {
      fullName: 'owner-2/repo-2',
      contributors: 2,
    });
    expect(body.errors).toBeUndefined();
    const repository = body.data!.repository!;
    expect(repository.topics.map((topic) => topic.displayName)).toEqual(['topic-2', 'Shared']);
    expect(repository.primaryLanguage).toMatchObject({ name: 'Go', repositoryCount: 15 });
    expect(repository.contributors.totalCount).toBe(5);
    expect(repository.contributors.edges.map((edge) => edge.weight)).toEqual([52, 42]);
    expect(repository.contributors.edges[0]!.node.techStack.languages[0]!.share).toBeGreaterThan(0);
  });

  it('shows a profile and finds users, topics and languages', async () => {
    const profile = await post<UserProfileQuery>(print(UserProfileDocument), { login: 'dev-3' });
    expect(profile.body.errors).toBeUndefined();
    expect(profile.body.data!.user!.contributions.totalCount).toBe(4);
    const shares = profile.body.data!.user!.techStack.languages.map((entry) => entry.share);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);

    const users = await post<UserSearchQuery>(print(UserSearchDocument), {
      filter: { text: 'dev-1' },
      orderBy: { field: 'LOGIN' },
    });
    // Keywords are prefixes: "dev-1" also finds dev-10 to dev-19.
    expect(users.body.data!.users.edges.map((edge) => edge.node.login)).toEqual([
      'dev-1',
      ...Array.from({ length: 10 }, (_, i) => `dev-1${i}`),
    ]);

    const topic = await post<TopicQuery>(print(TopicDocument), { name: 'common', repositories: 2 });
    expect(topic.body.data!.topic).toMatchObject({
      name: 'shared',
      relatedTopics: [{ name: 'topic-1' }],
      repositories: { totalCount: 30, nodes: [{ stars: 290 }, { stars: 280 }] },
    });

    const topics = await post<TopicSearchQuery>(print(TopicSearchDocument), {
      orderBy: { field: 'REPOSITORY_COUNT' },
      first: 2,
    });
    expect(topics.body.data!.topics.edges.map((edge) => [edge.node.name, edge.node.repositories.totalCount])).toEqual([
      ['shared', 30],
      ['topic-0', 1],
    ]);

    const languages = await post<LanguagesQuery>(print(LanguagesDocument), { orderBy: { field: 'NAME' } });
    expect(languages.body.data!.languages.nodes.map((language) => language.name)).toEqual(['Go', 'TypeScript']);
  });

  it('refetches what it listed by global id', async () => {
    const search = await post<RepositorySearchQuery>(print(RepositorySearchDocument), { first: 3 });
    const ids = search.body.data!.repositories.edges.map((edge) => edge.node.id);
    const { body } = await post<NodesQuery>(print(NodesDocument), { ids });
    expect(body.errors).toBeUndefined();
    expect(body.data!.nodes.map((node) => node && node.__typename === 'Repository' && node.fullName)).toEqual(
      search.body.data!.repositories.edges.map((edge) => edge.node.fullName),
    );
  });

  it.each([
    [
      'an unknown ordering field',
      { orderBy: { field: 'POPULARITY' } },
      /does not exist in "RepositoryOrderField" enum/,
      400,
    ],
    [
      'an unknown direction',
      { orderBy: { field: 'STARS', direction: 'UP' } },
      /does not exist in "OrderDirection"/,
      400,
    ],
    ['first with last', { first: 2, last: 2 }, /not both/, 200],
    ['after with before', { after: 'x', before: 'y' }, /not both/, 200],
    ['first above the cap', { first: 1000 }, /"first" must be between 1 and 100/, 200],
    ['a malformed cursor', { first: 2, after: 'garbage!' }, /Invalid cursor in "after"/, 200],
    [
      'a malformed date',
      { filter: { updatedAfter: 'yesterday' } },
      /"\$filter" got invalid value "yesterday" at "filter.updatedAfter"/,
      400,
    ],
  ])('answers %s with BAD_USER_INPUT', async (_name, variables, message, status) => {
    const response = await post(print(RepositorySearchDocument), variables);
    expect(response.status).toBe(status); // request errors (variables) are 400; execution errors travel in a 200
    expect(response.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.message).toMatch(message);
  });

  it('answers an unknown enum value written in the document with BAD_USER_INPUT before running it', async () => {
    const response = await post(`{ topics(orderBy: { field: POPULARITY }) { totalCount } }`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.message).toMatch(/Value "POPULARITY" does not exist in "TopicOrderField" enum/);
  });
});
