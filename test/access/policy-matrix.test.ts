// Every mutation and every guarded field of the schema, run as anonymous, viewer, member, another member and
// admin, against the one policy table (src/access/policy.ts). A mutation the table does not list fails here, so a
// new mutation cannot ship open by omission. Allowed callers get past the check (their calls then fail or succeed
// on their own merits: unknown model, bad path); refused ones get UNAUTHENTICATED or FORBIDDEN and write nothing.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionGuarding,
  anonymous,
  isAllowed,
  POLICY,
  userActor,
  type Actor,
  type Rule,
} from '../../src/access/index.js';
import { classifyError } from '../../src/server/plugins/error-formatting.js';
import { createTestApp, TEST_ACTOR, type TestApp } from '../support/app.js';
import { addLinearVersion, createLinearModel } from '../support/models.js';

const CALLERS: Record<string, Actor> = {
  anonymous: anonymous('203.0.113.9'),
  viewer: userActor('vera', 'VIEWER'),
  member: userActor('mia', 'MEMBER'),
  'another member': userActor('max', 'MEMBER'),
  admin: userActor('ada', 'ADMIN'),
};

const RUN_OWNER = 'mia';

/**
 * One operation per guarded coordinate. Arguments name nothing that exists (or are invalid after the check), so
 * an allowed caller passes authorization and then stops at NOT_FOUND / BAD_USER_INPUT without heavy work.
 */
interface Subjects {
  runId: string;
  /** An objective of RUN_OWNER with one key result, made afresh for each call. */
  objectiveId: number;
  keyResultId: number;
}

const OPERATIONS: Record<string, { document: string; variables?: (ctx: Subjects) => object }> = {
  'Mutation.createModel': {
    document: `mutation { createModel(input: { name: "Bad Name", task: REGRESSION, inputSchema: {}, outputSchema: {} }) { id } }`,
  },
  'Mutation.setModelAlias': {
    document: `mutation { setModelAlias(name: "no-such", alias: "champion", version: 1) { alias } }`,
  },
  'Mutation.deleteModelAlias': {
    document: `mutation { deleteModelAlias(name: "no-such", alias: "champion") { name } }`,
  },
  'Mutation.setTrafficSplit': { document: `mutation { setTrafficSplit(name: "no-such", routes: []) { name } }` },
  'Mutation.loadModel': { document: `mutation { loadModel(name: "no-such", alias: "champion") { version } }` },
  'Mutation.unloadModel': { document: `mutation { unloadModel(name: "no-such") }` },
  'Mutation.trainModel': { document: `mutation { trainModel(name: "no-such") { id } }` },
  'Mutation.importSample': { document: `mutation { importSample { id } }` },
  'Mutation.importFiles': { document: `mutation { importFiles(input: { repos: "no/such/file.jsonl" }) { id } }` },
  'Mutation.ingestFromGithub': { document: `mutation { ingestFromGithub(input: {}) { id } }` },
  'Mutation.runRecommendations': { document: `mutation { runRecommendations { id } }` },
  'Query.events': { document: `{ events(first: 1) { totalCount } }` },
  'Mutation.cancelPipelineRun': {
    document: `mutation($id: ID!) { cancelPipelineRun(id: $id, reason: "policy test") { status } }`,
    variables: ({ runId }) => ({ id: runId }),
  },
  'Mutation.createObjective': {
    document: `mutation { createObjective(input: { title: "policy", period: "2026", owner: "${RUN_OWNER}" }) { id } }`,
  },
  'Mutation.updateObjective': {
    document: `mutation($id: Int!) { updateObjective(id: $id, input: { title: "renamed" }) { id } }`,
    variables: ({ objectiveId }) => ({ id: objectiveId }),
  },
  'Mutation.archiveObjective': {
    document: `mutation($id: Int!) { archiveObjective(id: $id) { id } }`,
    variables: ({ objectiveId }) => ({ id: objectiveId }),
  },
  'Mutation.addKeyResult': {
    document: `mutation($id: Int!) { addKeyResult(input: { objectiveId: $id, title: "kr", targetValue: 5, dueDate: "2026-06-30" }) { id } }`,
    variables: ({ objectiveId }) => ({ id: objectiveId }),
  },
  'Mutation.updateKeyResult': {
    document: `mutation($id: Int!) { updateKeyResult(id: $id, input: { title: "renamed" }) { id } }`,
    variables: ({ keyResultId }) => ({ id: keyResultId }),
  },
  'Mutation.removeKeyResult': {
    document: `mutation($id: Int!) { removeKeyResult(id: $id) { id } }`,
    variables: ({ keyResultId }) => ({ id: keyResultId }),
  },
  'Mutation.checkIn': {
    document: `mutation($id: Int!) { checkIn(input: { keyResultId: $id, value: 2 }) { id } }`,
    variables: ({ keyResultId }) => ({ id: keyResultId }),
  },
  'Query.predict': { document: `{ predict(model: "no-such", inputs: [{}]) { version } }` },
  'Model.predictions': { document: `{ model(name: "policy-lin") { predictions(first: 1) { totalCount } } }` },
  'Model.servingStats': { document: `{ model(name: "policy-lin") { servingStats { version } } }` },
};

const DENIED = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

describe('the policy table, as each kind of caller', () => {
  let t: TestApp;

  beforeAll(async () => {
    const emptySample = await mkdtemp(path.join(tmpdir(), 'ost-policy-'));
    t = await createTestApp({ SAMPLE_DIR: emptySample, GITHUB_API_URL: 'http://127.0.0.1:9' });
    const registry = t.app.modules.get('registry');
    await createLinearModel(registry, 'policy-lin');
    await addLinearVersion(registry, t.app.ml, 'policy-lin', [1, 1], 0, { aliases: ['champion'] });
    await t.app.db.prisma.user.create({ data: { login: RUN_OWNER } });
  });

  /** A fresh objective of RUN_OWNER with a key result: no call sees what an earlier one changed or removed. */
  async function ownedObjective(): Promise<{ objectiveId: number; keyResultId: number }> {
    const owner = await t.app.db.prisma.user.findUniqueOrThrow({ where: { login: RUN_OWNER }, select: { id: true } });
    const objective = await t.app.db.prisma.objective.create({
      data: {
        title: 'owned',
        period: '2026',
        periodStart: new Date(Date.UTC(2026, 0, 1)),
        periodEnd: new Date(Date.UTC(2027, 0, 1)),
        ownerId: owner.id,
      },
    });
    const keyResult = await t.app.db.prisma.keyResult.create({
      data: { objectiveId: objective.id, title: 'kr', targetValue: 10, dueDate: new Date(Date.UTC(2026, 5, 30)) },
    });
    return { objectiveId: objective.id, keyResultId: keyResult.id };
  }
  afterAll(async () => t?.close());

  it('lists every mutation of the schema under one action', () => {
    const mutations = Object.keys(t.app.schema.getMutationType()!.getFields()).map((name) => `Mutation.${name}`);
    const unlisted = mutations.filter((field) => actionGuarding(field) === undefined);
    expect(unlisted, 'add these mutations to POLICY (src/access/policy.ts) and to OPERATIONS here').toEqual([]);
  });

  it('has an operation here for every coordinate the table guards, and each exists in the schema', () => {
    const guarded = Object.values(POLICY as Record<string, Rule>).flatMap((rule) => rule.fields ?? []);
    expect(Object.keys(OPERATIONS).sort()).toEqual([...guarded].sort());
    for (const coordinate of guarded) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const type = t.app.schema.getType(typeName);
      expect(isObjectType(type) && type.getFields()[fieldName], coordinate).toBeTruthy();
    }
  });

  for (const [coordinate, operation] of Object.entries(OPERATIONS)) {
    for (const [who, actor] of Object.entries(CALLERS)) {
      it(`${coordinate} as ${who}`, async () => {
        const pipeline = t.app.modules.get('pipeline').pipeline;
        const run = await pipeline.create('EMBED', {}, TEST_ACTOR);
        // Owned by the member, as if they had started it (members start no kind of run yet).
        await t.app.db.prisma.pipelineRun.update({ where: { id: run.id }, data: { startedBy: RUN_OWNER } });
        const action = actionGuarding(coordinate)!;
        const allowed = isAllowed(actor, action, { owner: RUN_OWNER });
        const writes = () =>
          Promise.all([
            t.app.db.prisma.pipelineRun.count(),
            t.app.db.prisma.modelAliasEvent.count(),
            t.app.db.prisma.model.count(),
            t.app.db.prisma.objective.count(),
            t.app.db.prisma.keyResult.count(),
            t.app.db.prisma.checkIn.count(),
            t.app.db.prisma.objective.count({ where: { OR: [{ title: 'renamed' }, { archivedAt: { not: null } }] } }),
            t.app.db.prisma.keyResult.count({ where: { title: 'renamed' } }),
          ]);
        const owned = await ownedObjective();
        const before = await writes();
        const result = await t.run(operation.document, operation.variables?.({ runId: run.id, ...owned }), actor);
        const codes = (result.errors ?? []).map((error) => classifyError(error).code as string);
        if (allowed) {
          expect(
            codes.filter((code) => DENIED.has(code)),
            JSON.stringify(result.errors),
          ).toEqual([]);
        } else {
          expect(codes).toContain(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
          expect(await writes(), 'a refused call writes nothing').toEqual(before);
          const message = result.errors![0]!.message;
          expect(message).toContain(
            POLICY[action].role === 'MEMBER' && actor.kind === 'user' && actor.role === 'MEMBER'
              ? 'started'
              : POLICY[action].role,
          );
        }
        // A refused cancel leaves the run as it was; an allowed one cancels it.
        if (coordinate === 'Mutation.cancelPipelineRun') {
          expect((await pipeline.get(run.id)).status).toBe(allowed ? 'CANCELLED' : 'QUEUED');
        }
        await pipeline.cancel(run.id, { by: 'test cleanup', actor: TEST_ACTOR }).catch(() => undefined);
      });
    }
  }

  it('records who acted: the token subject in the audit trail and on the runs they start', async () => {
    const admin = CALLERS['admin']!;
    await t.run(`mutation { setModelAlias(name: "policy-lin", alias: "canary", version: 1) { alias } }`, {}, admin);
    const history = await t.run(`{ model(name: "policy-lin") { aliasHistory(first: 1) { nodes { alias actor } } } }`);
    expect(history.data).toEqual({ model: { aliasHistory: { nodes: [{ alias: 'canary', actor: 'ada' }] } } });
    const started = await t.run<{ importSample: { startedBy: string } }>(
      `mutation { importSample { startedBy } }`,
      {},
      admin,
    );
    expect(started.data?.importSample.startedBy).toBe('ada');
  });
});
