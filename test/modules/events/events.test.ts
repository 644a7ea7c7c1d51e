// The activity log: written in the transaction of the change it records (a refused change leaves none), read by
// admins with filters, pages and a total, followed live, sampled for predictions like the prediction log, and
// trimmed by retention.
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, userActor, type Actor } from '../../../src/access/index.js';
import { FORECAST_FEATURES } from '../../../src/modules/okrs/forecast/forecast-features.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { errorCode } from '../../support/catalog.js';

const MIA = userActor('mia', 'MEMBER');
const ADA = userActor('ada', 'ADMIN');

interface EventNode {
  id: string;
  type: string;
  actor: string | null;
  subject: string | null;
  payload: Record<string, unknown>;
}

describe('activity events', () => {
  let t: TestApp;
  const run = async <T>(document: string, variables?: Record<string, unknown>, actor: Actor = MIA) => {
    const result = await t.run<T>(document, variables, actor);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  };
  const events = (filter: Record<string, unknown>, first = 50, after: string | null = null) =>
    run<{ events: { totalCount: number; nodes: EventNode[]; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(
      `query ($filter: EventFilter, $first: Int, $after: String) { events(filter: $filter, first: $first, after: $after) {
         totalCount nodes { id type actor subject payload } pageInfo { endCursor hasNextPage } } }`,
      { filter, first, after },
      ADA,
    ).then((data) => data.events);
  let objectiveId: number;
  let keyResultId: number;

  beforeAll(async () => {
    t = await createTestApp({ PREDICTION_LOG_SAMPLE_RATE: '1' });
    await t.app.db.prisma.user.createMany({ data: ['mia', 'ada'].map((login) => ({ login })) });
    objectiveId = (
      await run<{ createObjective: { databaseId: number } }>(
        'mutation { createObjective(input: { title: "Ship", period: "2026" }) { databaseId } }',
      )
    ).createObjective.databaseId;
    keyResultId = (
      await run<{ addKeyResult: { databaseId: number } }>(
        `mutation ($o: Int!) { addKeyResult(input: { objectiveId: $o, title: "Ten", targetValue: 10, dueDate: "2026-12-31" }) { databaseId } }`,
        { o: objectiveId },
      )
    ).addKeyResult.databaseId;
  }, 60_000);
  afterAll(async () => t?.close());

  it('records each OKR change with actor, subject and payload; a refused change records nothing', async () => {
    await run('mutation ($k: Int!) { checkIn(input: { keyResultId: $k, value: 4, confidence: 0.6 }) { id } }', {
      k: keyResultId,
    });
    const log = await events({ subject: `keyResult:${keyResultId}` });
    expect(log.nodes.map((n) => n.type)).toEqual(['checkIn.created', 'keyResult.added']);
    expect(log.nodes[0]).toMatchObject({
      actor: 'mia',
      payload: { objectiveId, keyResultId, value: 4, confidence: 0.6, previousValue: 0, owner: 'mia' },
    });
    expect((await events({ subject: `objective:${objectiveId}` })).nodes.map((n) => n.type)).toEqual([
      'objective.created',
    ]);
    const before = await t.app.db.prisma.event.count();
    // Out of range, then on an archived objective: both refused, neither leaves an event.
    const bad = await t.run(
      'mutation ($k: Int!) { checkIn(input: { keyResultId: $k, value: 4, confidence: 2 }) { id } }',
      {
        k: keyResultId,
      },
      MIA,
    );
    expect(errorCode(bad as ExecutionResult)).toBe('BAD_USER_INPUT');
    await run('mutation ($o: Int!) { archiveObjective(id: $o) { id } }', { o: objectiveId });
    const archived = await t.run(
      'mutation ($k: Int!) { checkIn(input: { keyResultId: $k, value: 5 }) { id } }',
      {
        k: keyResultId,
      },
      MIA,
    );
    expect(errorCode(archived as ExecutionResult)).toBe('BAD_USER_INPUT');
    expect(await t.app.db.prisma.event.count()).toBe(before + 1); // the archive itself
  });

  it('pages newest first with a total, filtered by actor, types and since', async () => {
    const since = new Date();
    for (let i = 0; i < 5; i++)
      await run('mutation ($t: String!) { createObjective(input: { title: $t, period: "2026" }) { id } }', {
        t: `o${i}`,
      });
    const first = await events({ actor: 'mia', types: ['objective.created'], since: since.toISOString() }, 3);
    expect(first.totalCount).toBe(5);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await events(
      { actor: 'mia', types: ['objective.created'], since: since.toISOString() },
      3,
      first.pageInfo.endCursor,
    );
    const titles = [...first.nodes, ...second.nodes].map((n) => n.payload['title']);
    expect(titles).toEqual(['o4', 'o3', 'o2', 'o1', 'o0']);
    expect((await events({ actor: 'nobody' })).totalCount).toBe(0);
    const tooMany = await t.run('{ events(filter: { types: [] }) { totalCount } }', {}, ADA);
    expect(errorCode(tooMany as ExecutionResult)).toBe('BAD_USER_INPUT');
  });

  it('is for admins only: members are refused, anonymous callers asked to sign in', async () => {
    expect(errorCode(await t.run('{ events { totalCount } }', {}, MIA))).toBe('FORBIDDEN');
    expect(errorCode(await t.run('{ events { totalCount } }', {}, anonymous()))).toBe('UNAUTHENTICATED');
    const refused = await t.subscribe('subscription { events { id } }', {}, MIA);
    expect(Symbol.asyncIterator in refused).toBe(false);
  });

  it('streams events of the asked types once their change commits; runs started and predictions served too', async () => {
    const live = (await t.subscribe(
      'subscription { events(types: ["pipelineRun.started", "prediction.served", "objective.created"]) { id type actor subject payload } }',
      {},
      ADA,
    )) as AsyncIterableIterator<ExecutionResult<{ events: EventNode }>>;
    const next = () => live.next().then((r) => r.value.data!.events);
    const created = next();
    await run('mutation { createObjective(input: { title: "Live", period: "2026" }) { id } }');
    expect(await created).toMatchObject({ type: 'objective.created', actor: 'mia', payload: { title: 'Live' } });

    const started = next();
    const { trainModel } = await run<{ trainModel: { id: string } }>(
      'mutation { trainModel(name: "kr-forecast", promote: true, params: { maxSamples: 300, epochs: 2 }) { id } }',
      undefined,
      ADA,
    );
    expect(await started).toMatchObject({
      type: 'pipelineRun.started',
      actor: 'ada',
      subject: `pipelineRun:${trainModel.id}`,
      payload: { kind: 'TRAIN' },
    });
    const pipeline = t.app.modules.get('pipeline').pipeline;
    for await (const change of pipeline.watch(trainModel.id)) if (change.status === 'SUCCEEDED') break;

    const served = next();
    const row = Object.fromEntries(FORECAST_FEATURES.map((name) => [name, 0.5]));
    await run('query ($rows: [JSON!]!) { predict(model: "kr-forecast", version: 1, inputs: $rows) { outputs } }', {
      rows: [row, row],
    });
    await t.app.modules.get('predictions').predictions.flush();
    expect(await served).toMatchObject({
      type: 'prediction.served',
      actor: 'mia',
      subject: 'model:kr-forecast@1',
      payload: { rows: 2, model: 'kr-forecast', version: 1 },
    });
    await live.return?.();
  }, 60_000);

  it('retention deletes what is older than EVENT_RETENTION_DAYS, and only that', async () => {
    const old = new Date(Date.now() - 100 * 86_400_000);
    await t.app.db.prisma.event.createMany({
      data: Array.from({ length: 3 }, (_, i) => ({ type: 'old', source: 'test', payload: { i }, occurredAt: old })),
    });
    const before = await t.app.db.prisma.event.count();
    const deleted = await t.app.modules.get('events').retention.runOnce();
    expect(deleted).toBe(3);
    expect(await t.app.db.prisma.event.count()).toBe(before - 3);
    expect(await t.app.db.prisma.event.count({ where: { type: 'old' } })).toBe(0);
  });
});
