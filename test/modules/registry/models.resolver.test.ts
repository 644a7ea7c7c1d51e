import { userActor } from '../../../src/access/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { errorCode } from '../../support/catalog.js';
import { addLinearVersion, LINEAR_INPUT_SCHEMA } from '../../support/models.js';
import { TEST_ACTOR } from '../../support/app.js';

const CREATE = `mutation ($input: CreateModelInput!) { createModel(input: $input) { id name task latestVersion inputSchema outputSchema } }`;

const LIST = `{ models(first: 50) { totalCount nodes {
  name latestVersion
  versions(first: 2) { totalCount nodes { version sizeBytes aliases model { name } features { field kind size } } }
  aliases { alias version modelVersion { version } }
  trafficSplit { alias }
} } }`;

describe('Models API: the registry over GraphQL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function seed(count: number, offset: number) {
    for (let i = offset; i < offset + count; i++) {
      const name = `model-${String(i).padStart(2, '0')}`;
      const created = await t.run(CREATE, {
        input: { name, task: 'REGRESSION', inputSchema: LINEAR_INPUT_SCHEMA, outputSchema: { names: ['y'] } },
      });
      expect(created.errors).toBeUndefined();
      for (let v = 0; v < 3; v++) await addLinearVersion(t.app.modules.get('registry'), t.app.ml, name, [v, 1], 0);
      await t.app.modules
        .get('registry')
        .aliases.set({ actor: TEST_ACTOR, model: name, alias: 'champion', version: 2 });
    }
  }

  it('creates a model definition, refusing a bad schema with the path of the problem', async () => {
    const created = await t.run(CREATE, {
      input: {
        name: 'forecast',
        task: 'CLASSIFICATION',
        inputSchema: LINEAR_INPUT_SCHEMA,
        outputSchema: { labels: ['miss', 'hit'] },
      },
    });
    expect(created.data).toEqual({
      createModel: {
        id: expect.any(String),
        name: 'forecast',
        task: 'CLASSIFICATION',
        latestVersion: 0,
        inputSchema: LINEAR_INPUT_SCHEMA,
        outputSchema: { labels: ['miss', 'hit'] },
      },
    });
    const bad = await t.run(CREATE, {
      input: {
        name: 'bad',
        task: 'REGRESSION',
        inputSchema: { type: 'object', properties: { a: { type: 'date' } } },
        outputSchema: { names: ['y'] },
      },
    });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toContain('inputSchema.properties.a.type');
    const again = await t.run(CREATE, {
      input: { name: 'forecast', task: 'REGRESSION', inputSchema: LINEAR_INPUT_SCHEMA, outputSchema: { names: ['y'] } },
    });
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('lists models with versions, aliases and features in a number of statements that does not grow with the list', async () => {
    await seed(2, 0);
    t.resetQueries();
    const small = await t.run(LIST);
    expect(small.errors).toBeUndefined();
    const fewStatements = t.queries.length;
    await seed(4, 2);
    t.resetQueries();
    const large = await t.run<{ models: { totalCount: number; nodes: Array<Record<string, unknown>> } }>(LIST);
    expect(large.errors).toBeUndefined();
    expect(t.queries.length).toBe(fewStatements);
    const node = large.data!.models.nodes.find((n) => n.name === 'model-03')!;
    expect(node).toEqual({
      name: 'model-03',
      latestVersion: 3,
      versions: {
        totalCount: 3,
        nodes: [
          {
            version: 3,
            sizeBytes: 12,
            aliases: [],
            model: { name: 'model-03' },
            features: [
              { field: 'a', kind: 'number', size: 1 },
              { field: 'b', kind: 'number', size: 1 },
            ],
          },
          {
            version: 2,
            sizeBytes: 12,
            aliases: ['champion'],
            model: { name: 'model-03' },
            features: expect.any(Array),
          },
        ],
      },
      aliases: [{ alias: 'champion', version: 2, modelVersion: { version: 2 } }],
      trafficSplit: [],
    });
    expect(large.data!.models.totalCount).toBe(7);
  });

  it('pages through versions and the alias history with cursors', async () => {
    const page = `query ($after: String) { model(name: "model-00") { versions(first: 2, after: $after) { nodes { version } pageInfo { hasNextPage endCursor } } } }`;
    const first = await t.run<{ model: { versions: { nodes: unknown[]; pageInfo: { endCursor: string } } } }>(page);
    expect(first.data!.model.versions).toEqual({
      nodes: [{ version: 3 }, { version: 2 }],
      pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
    });
    const second = await t.run(page, { after: first.data!.model.versions.pageInfo.endCursor });
    expect(second.data).toEqual({
      model: { versions: { nodes: [{ version: 1 }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } } },
    });

    await t.run(
      `mutation { setModelAlias(name: "model-00", alias: "champion", version: 3, reason: "promote") { version } }`,
      {},
      userActor('ana', 'ADMIN'),
    );
    await t.run(
      `mutation { setModelAlias(name: "model-00", alias: "champion", version: 2, reason: "rollback") { version } }`,
    );
    const history = await t.run(
      `{ model(name: "model-00") { aliasHistory(first: 2) { totalCount nodes { alias fromVersion toVersion actor reason } } } }`,
    );
    expect(history.data).toEqual({
      model: {
        aliasHistory: {
          totalCount: 3,
          nodes: [
            { alias: 'champion', fromVersion: 3, toVersion: 2, actor: 'test', reason: 'rollback' },
            { alias: 'champion', fromVersion: 2, toVersion: 3, actor: 'ana', reason: 'promote' },
          ],
        },
      },
    });
  });

  it('reads one version by number, and moves an alias by version id', async () => {
    const version = await t.run<{ modelVersion: { id: string; version: number; params: unknown; createdBy: string } }>(
      `{ modelVersion(name: "model-01", version: 1) { id version params metrics dataset createdBy } }`,
    );
    expect(version.data!.modelVersion).toMatchObject({
      version: 1,
      params: { kernel: [0, 1], bias: 0 },
      createdBy: 'test',
    });
    const moved = await t.run(
      `mutation ($id: ID!) { setModelAlias(name: "model-01", alias: "challenger", versionId: $id) { alias version model { name } } }`,
      {
        id: version.data!.modelVersion.id,
      },
    );
    expect(moved.data).toEqual({ setModelAlias: { alias: 'challenger', version: 1, model: { name: 'model-01' } } });
    const foreign = await t.run(
      `mutation ($id: ID!) { setModelAlias(name: "model-02", alias: "challenger", versionId: $id) { version } }`,
      {
        id: version.data!.modelVersion.id,
      },
    );
    expect(errorCode(foreign)).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.run(`{ modelVersion(name: "model-01", version: 99) { version } }`))).toBe('NOT_FOUND');
    expect(errorCode(await t.run(`{ model(name: "nothing-here") { name } }`))).toBe('NOT_FOUND');
  });

  it('sets and validates a traffic split, and deletes aliases outside it', async () => {
    const bad = await t.run(
      `mutation { setTrafficSplit(name: "model-01", routes: [{ alias: "champion", weight: 0 }]) { name } }`,
    );
    expect(bad.errors![0]!.message).toBe('routes[0].weight: must be a positive number, got 0');
    const split = await t.run(
      `mutation { setTrafficSplit(name: "model-01", routes: [{ alias: "champion", weight: 9 }, { alias: "challenger", weight: 1 }]) { trafficSplit { alias share version } } }`,
    );
    expect(split.data).toEqual({
      setTrafficSplit: {
        trafficSplit: [
          { alias: 'champion', share: 0.9, version: 2 },
          { alias: 'challenger', share: 0.1, version: 1 },
        ],
      },
    });
    const inUse = await t.run(`mutation { deleteModelAlias(name: "model-01", alias: "challenger") { name } }`);
    expect(errorCode(inUse)).toBe('CONFLICT');
    await t.run(`mutation { setTrafficSplit(name: "model-01", routes: []) { name } }`);
    const deleted = await t.run(
      `mutation { deleteModelAlias(name: "model-01", alias: "challenger", reason: "done") { aliases { alias } } }`,
    );
    expect(deleted.data).toEqual({ deleteModelAlias: { aliases: [{ alias: 'champion' }] } });
  });
});
