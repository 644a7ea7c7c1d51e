// Lists read only the columns their selection needs (repositories, contributors, a user's contributions). Every
// field of Repository and User must answer the same through such a narrow read as through a lookup, which reads
// whole rows; the seed fills every column, so a column left out would show up as a null here.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_FIELD_NEEDS } from '../../../src/modules/catalog/repositories/index.js';
import { USER_FIELD_NEEDS } from '../../../src/modules/catalog/users/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';

/** How each field is asked for: a subselection for object and list fields. */
const REPOSITORY_SELECTIONS: Record<string, string> = {
  owner: 'owner { login bio }',
  topics: 'topics { name }',
  primaryLanguage: 'primaryLanguage { name }',
  contributors: 'contributors(first: 2) { nodes { login } }',
};
const USER_SELECTIONS: Record<string, string> = {
  contributions: 'contributions(first: 2) { nodes { weight } }',
  repositories: 'repositories(first: 2) { nodes { fullName } }',
  techStack: 'techStack { languages { name } }',
};
const selectionOf = (field: string, special: Record<string, string>) => special[field] ?? field;

describe('Narrow reads: lists fetch only the selected columns, with the same answers', () => {
  let t: TestApp;
  const at = new Date('2021-03-04T05:06:07.890Z');

  beforeAll(async () => {
    t = await createTestApp();
    const prisma = t.app.db.prisma;
    const user = (login: string, i: number) => ({
      login,
      githubId: BigInt(9_000_000_000 + i),
      type: i === 0 ? ('ORGANIZATION' as const) : ('USER' as const),
      name: `Name ${i}`,
      bio: `Bio ${i}`,
      company: `Company ${i}`,
      location: `City ${i}`,
      avatarUrl: `https://avatars.example/${i}`,
      publicRepos: 10 + i,
      followers: 100 + i,
      following: 20 + i,
      createdAt: at,
    });
    await prisma.user.createMany({ data: ['acme', 'dev-a', 'dev-b'].map(user) });
    const [acme, devA, devB] = await prisma.user.findMany({ orderBy: { id: 'asc' } });
    await prisma.topic.createMany({ data: [{ name: 'graphs' }, { name: 'tools' }] });
    await prisma.repository.createMany({
      data: [0, 1].map((i) => ({
        fullName: `acme/tool-${i}`,
        name: `tool-${i}`,
        ownerId: acme!.id,
        githubId: BigInt(8_000_000_000 + i),
        description: `Tool ${i}`,
        language: 'Go',
        topics: ['graphs', 'tools'],
        stars: 50 - i,
        forks: 5 + i,
        openIssues: 3 + i,
        license: 'MIT',
        url: `https://github.com/acme/tool-${i}`,
        homepage: `https://tool-${i}.example`,
        formerNames: [`acme/old-tool-${i}`],
        createdAt: at,
        pushedAt: at,
        updatedAt: at,
        statsAsOf: at,
      })),
    });
    const repositories = await prisma.repository.findMany({ orderBy: { id: 'asc' } });
    await prisma.contribution.createMany({
      data: repositories.flatMap((repository, i) => [
        { userId: devA!.id, repositoryId: repository.id, weight: 10 + i },
        { userId: devB!.id, repositoryId: repository.id, weight: 5 + i },
      ]),
    });
  });
  afterAll(() => t.close());

  async function data(query: string): Promise<Record<string, unknown>> {
    const result = await t.run(query);
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, unknown>;
  }

  /** The nodes of one list asked with the field alone and again with the identifier alone: the same order. */
  async function alone(
    query: (selection: string) => string,
    selection: string,
    id: string,
    nodesOf: (data: Record<string, unknown>) => Array<Record<string, unknown>>,
  ) {
    const nodes = nodesOf(await data(query(selection)));
    const ids = nodesOf(await data(query(id))).map((node) => node[id] as string);
    expect(nodes).toHaveLength(2);
    expect(ids).toHaveLength(2);
    return nodes.map((node, i) => ({ node, id: ids[i]! }));
  }

  it.each(Object.keys(REPOSITORY_FIELD_NEEDS))(
    'Repository.%s: the catalog page answers as the lookup',
    async (field) => {
      const selection = selectionOf(field, REPOSITORY_SELECTIONS);
      const listed = await alone(
        (s) => `{ repositories(first: 2) { nodes { ${s} } } }`,
        selection,
        'fullName',
        (d) => (d['repositories'] as { nodes: Array<Record<string, unknown>> }).nodes,
      );
      for (const { node, id } of listed) {
        const whole = await data(`{ repository(fullName: "${id}") { ${selection} } }`);
        expect(whole['repository']).not.toHaveProperty(field, null);
        expect(node).toEqual(whole['repository']);
      }
    },
  );

  it.each(Object.keys(REPOSITORY_FIELD_NEEDS))(
    "Repository.%s: a user's contributions answer as the lookup",
    async (field) => {
      const selection = selectionOf(field, REPOSITORY_SELECTIONS);
      type Contributions = { contributions: { nodes: Array<{ repository: Record<string, unknown> }> } };
      const listed = await alone(
        (s) => `{ user(login: "dev-a") { contributions(first: 5) { nodes { repository { ${s} } } } } }`,
        selection,
        'fullName',
        (d) => (d['user'] as Contributions).contributions.nodes.map((n) => n.repository),
      );
      for (const { node, id } of listed) {
        const whole = await data(`{ repository(fullName: "${id}") { ${selection} } }`);
        expect(node).toEqual(whole['repository']);
      }
    },
  );

  it.each(Object.keys(USER_FIELD_NEEDS))("User.%s: a repository's contributors answer as the lookup", async (field) => {
    const selection = selectionOf(field, USER_SELECTIONS);
    type Contributors = {
      contributors: { nodes?: Array<Record<string, unknown>>; edges?: Array<{ node: Record<string, unknown> }> };
    };
    for (const shape of ['nodes { %s }', 'edges { node { %s } }']) {
      const listed = await alone(
        (s) => `{ repository(fullName: "acme/tool-0") { contributors(first: 5) { ${shape.replace('%s', s)} } } }`,
        selection,
        'login',
        (d) => {
          const list = (d['repository'] as Contributors).contributors;
          return list.nodes ?? list.edges!.map((edge) => edge.node);
        },
      );
      for (const { node, id } of listed) {
        const whole = await data(`{ user(login: "${id}") { ${selection} } }`);
        expect(whole['user']).not.toHaveProperty(field, null);
        expect(node).toEqual(whole['user']);
      }
    }
  });

  it('every User field of owners joined to a catalog page answers as the lookup', async () => {
    const fields = Object.keys(USER_FIELD_NEEDS)
      .map((field) => selectionOf(field, USER_SELECTIONS))
      .join(' ');
    const page = await data(`{ repositories(first: 1) { nodes { owner { ${fields} } } } }`);
    const owner = (page['repositories'] as { nodes: Array<{ owner: Record<string, unknown> }> }).nodes[0]!.owner;
    const whole = await data(`{ user(login: "acme") { ${fields} } }`);
    expect(owner).toEqual(whole['user']);
  });

  it('reads timestamps as the UTC instants stored, in any process time zone (the SQL driver, not Prisma, reads them)', async () => {
    const iso = at.toISOString();
    const lookup = await data('{ repository(fullName: "acme/tool-0") { createdAt pushedAt owner { createdAt } } }');
    expect(lookup['repository']).toEqual({ createdAt: iso, pushedAt: iso, owner: { createdAt: iso } });
    const page = await data(
      '{ repositories(first: 1, orderBy: { field: CREATED_AT }) { nodes { createdAt } edges { cursor } } }',
    );
    const connection = page['repositories'] as {
      nodes: Array<{ createdAt: string }>;
      edges: Array<{ cursor: string }>;
    };
    expect(connection.nodes[0]!.createdAt).toBe(iso);
    // The cursor holds the same instant: paging on from it finds the second repository (same createdAt, next id).
    const next = await data(
      `{ repositories(first: 1, orderBy: { field: CREATED_AT }, after: "${connection.edges[0]!.cursor}") { nodes { createdAt } } }`,
    );
    expect((next['repositories'] as { nodes: unknown[] }).nodes).toEqual([{ createdAt: iso }]);
  });

  it('reads only the columns asked for, and joins owners only when selected', async () => {
    t.resetQueries();
    await data('{ repositories(first: 2) { nodes { fullName contributors(first: 2) { nodes { login } } } } }');
    const [page, contributors] = t.queries;
    expect(t.queries).toHaveLength(2);
    expect(page).toContain('full_name');
    expect(page).not.toContain('description');
    expect(page).not.toContain('JOIN users');
    expect(contributors).toContain('"user.login"');
    expect(contributors).not.toContain('bio');
  });

  it('reads whole rows when a field it has no list for is selected (another module’s field)', async () => {
    t.resetQueries();
    await data('{ repositories(first: 1) { nodes { fullName similar(first: 1) { nodes { fullName } } } } }');
    expect(t.queries[0]).toContain('description');
  });
});
