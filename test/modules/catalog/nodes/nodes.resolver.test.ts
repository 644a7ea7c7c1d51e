// Relay object identification: every Node's id fetches it again through node(id:) / nodes(ids:), batched; a
// malformed id is BAD_USER_INPUT, a well-formed id of nothing is null.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../../../src/graphql/global-id.js';
import { createTestApp, type TestApp } from '../../../support/app.js';
import { errorCode, seedCatalog } from '../../../support/catalog.js';

const FRAGMENTS = `
  fragment N on Node {
    __typename
    id
    ... on Repository { fullName }
    ... on User { login }
    ... on Topic { name }
    ... on Language { name repositoryCount }
  }`;

describe('Nodes: refetching any object by its global id', () => {
  let t: TestApp;
  let ids: Record<'repository' | 'user' | 'topic' | 'language', string>;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCatalog(t.app.db.prisma, { owners: 20, repositories: 20 });
    const result = await t.run(`{
      repository(fullName: "owner-1/repo-1") { id owner { id } topics { id } primaryLanguage { id } }
    }`);
    expect(result.errors).toBeUndefined();
    const repository = (result.data as { repository: Record<string, unknown> }).repository as {
      id: string;
      owner: { id: string };
      topics: Array<{ id: string }>;
      primaryLanguage: { id: string };
    };
    ids = {
      repository: repository.id,
      user: repository.owner.id,
      topic: repository.topics[0]!.id,
      language: repository.primaryLanguage.id,
    };
  });
  afterAll(() => t.close());

  it('fetches each type of node by the id it reported', async () => {
    const result = await t.run(
      `query ($r: ID!, $u: ID!, $t: ID!, $l: ID!) { r: node(id: $r) { ...N } u: node(id: $u) { ...N } t: node(id: $t) { ...N } l: node(id: $l) { ...N } } ${FRAGMENTS}`,
      { r: ids.repository, u: ids.user, t: ids.topic, l: ids.language },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      r: { __typename: 'Repository', id: ids.repository, fullName: 'owner-1/repo-1' },
      u: { __typename: 'User', id: ids.user, login: 'owner-1' },
      t: { __typename: 'Topic', id: ids.topic, name: 'topic-1' },
      l: { __typename: 'Language', id: ids.language, name: 'TypeScript', repositoryCount: 10 },
    });
  });

  it('fetches many nodes in order, null where nothing has the id, in one statement per type', async () => {
    const repositories = await t.app.db.prisma.repository.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    const wanted = [
      ...repositories.map((r) => toGlobalId('Repository', r.id)),
      toGlobalId('Repository', 999_999),
      toGlobalId('Topic', 999_999),
      ids.user,
      toGlobalId('Language', 'Brainfuck'),
    ];
    t.resetQueries();
    const result = await t.run(`query ($ids: [ID!]!) { nodes(ids: $ids) { ...N } } ${FRAGMENTS}`, { ids: wanted });
    expect(result.errors).toBeUndefined();
    const nodes = (result.data as { nodes: Array<{ id: string } | null> }).nodes;
    expect(nodes.map((node) => node?.id ?? null)).toEqual([...wanted.slice(0, 20), null, null, ids.user, null]);
    expect(t.queries).toHaveLength(4); // repositories, topics, users, languages: one each
  });

  it.each([
    ['not base64 at all', '!!!'],
    ['base64 of no type', Buffer.from('nothing').toString('base64url')],
    ['a type this API never issues', toGlobalId('Secret', 1)],
    ['a non-numeric database id', toGlobalId('Repository', 'abc')],
    ['a database id out of range', toGlobalId('User', '99999999999')],
  ])('refuses %s with BAD_USER_INPUT', async (_name, id) => {
    const single = await t.run(`query ($id: ID!) { node(id: $id) { id } }`, { id });
    expect(errorCode(single)).toBe('BAD_USER_INPUT');
    expect(single.errors?.[0]?.message).toMatch(/is not a valid ID/);
    const many = await t.run(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [ids.user, id] });
    expect(errorCode(many)).toBe('BAD_USER_INPUT');
  });

  it('refuses more than 100 ids at once', async () => {
    const result = await t.run(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: Array.from({ length: 101 }, () => ids.user),
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/at most 100/);
  });
});
