// kr-forecast end to end: trained through trainModel on synthetic histories, promoted only past both baselines,
// served as KeyResult.forecast (one read, one network call per request, cached until the key result, the champion
// or the day changes), refreshed by a check-in before objectiveUpdated announces it, and folded into status the
// same way in GraphQL and in the SQL status filter.
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '../../../src/access/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';

const MIA = userActor('mia', 'MEMBER');
const ADA = userActor('ada', 'ADMIN');

interface Forecast {
  probability: number;
  expectedValue: number;
  low: number;
  high: number;
  modelVersion: string;
  explanation: string;
  computedAt: string;
}

describe('key-result forecasts', () => {
  let t: TestApp;
  const run = async <T>(document: string, variables?: Record<string, unknown>, actor = MIA) => {
    const result = await t.run<T>(document, variables, actor);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  };
  const objective = async (title: string) =>
    (
      await run<{ createObjective: { databaseId: number } }>(
        'mutation ($t: String!) { createObjective(input: { title: $t, period: "2026" }) { databaseId } }',
        { t: title },
      )
    ).createObjective.databaseId;
  const keyResult = async (objectiveId: number, startValue: number, targetValue: number) =>
    (
      await run<{ addKeyResult: { databaseId: number } }>(
        `mutation ($o: Int!, $s: Float!, $t: Float!) {
           addKeyResult(input: { objectiveId: $o, title: "kr", startValue: $s, targetValue: $t, dueDate: "2026-12-31" }) { databaseId } }`,
        { o: objectiveId, s: startValue, t: targetValue },
      )
    ).addKeyResult.databaseId;
  const checkIn = (keyResultId: number, value: number, confidence: number | null = null) =>
    run(
      'mutation ($k: Int!, $v: Float!, $c: Float) { checkIn(input: { keyResultId: $k, value: $v, confidence: $c }) { databaseId } }',
      {
        k: keyResultId,
        v: value,
        c: confidence,
      },
    );
  const forecastOf = async (id: number) =>
    (
      await run<{ objective: { keyResults: { nodes: Array<{ forecast: Forecast | null }> } } }>(
        `query ($id: Int!) { objective(id: $id) { keyResults { nodes { forecast {
           probability expectedValue low high modelVersion explanation computedAt } } } } }`,
        { id },
      )
    ).objective.keyResults.nodes[0]!.forecast;

  let first: number;
  let firstKr: number;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.db.prisma.user.createMany({ data: ['mia', 'ada'].map((login) => ({ login })) });
    first = await objective('Before any model');
    firstKr = await keyResult(first, 45, 70);
    await checkIn(firstKr, 50, 0.8);
  }, 60_000);
  afterAll(async () => t?.close());

  it('is null while no version serves; trainModel trains, evaluates against both baselines and promotes', async () => {
    expect(await forecastOf(first)).toBeNull();
    const started = await run<{ trainModel: { id: string } }>(
      'mutation { trainModel(name: "kr-forecast", promote: true, params: { maxSamples: 1500, epochs: 25 }) { id } }',
      undefined,
      ADA,
    );
    const pipeline = t.app.modules.get('pipeline').pipeline;
    let done = await pipeline.get(started.trainModel.id);
    for await (const change of pipeline.watch(started.trainModel.id)) done = change;
    expect(done.error).toBeNull();
    expect(done.status).toBe('SUCCEEDED');
    const result = done.result as {
      metrics: {
        auc: number;
        brier: number;
        baselines: Record<string, { auc: number; brier: number }>;
        reliability: unknown[];
      };
      dataset: { synthetic: boolean };
      promotion: { promoted: boolean };
    };
    expect(result.dataset.synthetic).toBe(true);
    expect(result.metrics.reliability).toHaveLength(10);
    for (const baseline of Object.values(result.metrics.baselines)) {
      expect(result.metrics.auc).toBeGreaterThan(baseline.auc);
      expect(result.metrics.brier).toBeLessThan(baseline.brier);
    }
    expect(result.promotion.promoted).toBe(true);

    const forecast = (await forecastOf(first))!;
    expect(forecast.modelVersion).toBe('kr-forecast@1');
    expect(forecast.probability).toBeGreaterThanOrEqual(0);
    expect(forecast.probability).toBeLessThanOrEqual(1);
    expect(forecast.low).toBeLessThanOrEqual(forecast.expectedValue);
    expect(forecast.expectedValue).toBeLessThanOrEqual(forecast.high);
    expect(forecast.explanation).toMatch(/likely to reach 70 by 2026-12-31; 20% done/);
    // Served from storage until something it depends on changes: the objective's period, for one.
    expect((await forecastOf(first))!.computedAt).toBe(forecast.computedAt);
    const basis = async () =>
      (await t.app.db.prisma.keyResult.findUniqueOrThrow({ where: { id: firstKr } })).forecastBasis;
    const before = await basis();
    await run('mutation ($id: Int!) { updateObjective(id: $id, input: { period: "2026-H2" }) { version } }', {
      id: first,
    });
    const moved = (await forecastOf(first))!;
    expect(await basis()).not.toBe(before);
    expect(moved.explanation).not.toBe(forecast.explanation); // half a year, not a whole one: other time shares
  }, 120_000);

  it('is recomputed by a check-in before objectiveUpdated announces it, and moves with the evidence', async () => {
    const live = await objective('Live forecast');
    const kr = await keyResult(live, 0, 100);
    await checkIn(kr, 5, 0.5);
    const before = (await forecastOf(live))!;
    const updates = (await t.subscribe(
      'subscription ($id: Int!) { objectiveUpdated(id: $id) { keyResults { nodes { forecast { probability computedAt } } } } }',
      { id: live },
      MIA,
    )) as AsyncIterableIterator<
      ExecutionResult<{ objectiveUpdated: { keyResults: { nodes: Array<{ forecast: Forecast }> } } }>
    >;
    const next = updates.next();
    await checkIn(kr, 99, 0.95);
    const pushed = (await next).value.data!.objectiveUpdated.keyResults.nodes[0]!.forecast;
    await updates.return?.();
    expect(pushed.computedAt >= before.computedAt).toBe(true);
    expect(pushed.probability).toBeGreaterThan(before.probability);
    const stored = await t.app.db.prisma.keyResult.findUniqueOrThrow({ where: { id: kr } });
    expect(stored.forecastProbability).toBeCloseTo(pushed.probability, 9);
    expect(stored.forecastBasis).toMatch(new RegExp(`^${stored.version}\\.\\d+\\|kr-forecast@1\\|`));
    const parent = await t.app.db.prisma.objective.findUniqueOrThrow({ where: { id: live } });
    expect(parent.forecastProbability).toBeCloseTo(pushed.probability, 9);
  }, 60_000);

  it('folds the forecast into status, the same in the status field and in the status filter', async () => {
    // Three objectives on pace, whose forecasts say on track, at risk and behind.
    const ids: number[] = [];
    for (const probability of [0.9, 0.5, 0.1]) {
      const id = await objective(`p=${probability}`);
      const kr = await keyResult(id, 0, 100);
      await checkIn(kr, 95);
      await t.app.db.prisma.$executeRaw`UPDATE objectives SET forecast_probability = ${probability} WHERE id = ${id}`;
      ids.push(id);
    }
    const statuses = await run<{ a: { status: string }; b: { status: string }; c: { status: string } }>(
      `query ($a: Int!, $b: Int!, $c: Int!) { a: objective(id: $a) { status } b: objective(id: $b) { status }
         c: objective(id: $c) { status } }`,
      { a: ids[0], b: ids[1], c: ids[2] },
    );
    expect([statuses.a.status, statuses.b.status, statuses.c.status]).toEqual(['ON_TRACK', 'AT_RISK', 'BEHIND']);
    for (const [status, id] of [
      ['ON_TRACK', ids[0]],
      ['AT_RISK', ids[1]],
      ['BEHIND', ids[2]],
    ] as const) {
      const listed = await run<{ objectives: { nodes: Array<{ databaseId: number; status: string }> } }>(
        'query ($s: OkrStatus!) { objectives(first: 100, filter: { status: $s }) { nodes { databaseId status } } }',
        { s: status },
      );
      expect(listed.objectives.nodes.map((n) => n.databaseId)).toContain(id);
      for (const node of listed.objectives.nodes) expect(node.status).toBe(status);
    }
  }, 60_000);

  it('costs the same statements for 2 objectives as for 12, however many forecasts are stale', async () => {
    for (let i = 0; i < 12; i++) {
      const id = await objective(`many ${i}`);
      for (let k = 0; k < 3; k++) await checkIn(await keyResult(id, 0, 10 + k), 1 + k);
    }
    const count = async (first: number) => {
      await t.app.db.prisma.$executeRaw`UPDATE key_results SET forecast_basis = NULL`;
      t.resetQueries();
      const data = await run<{
        objectives: { nodes: Array<{ keyResults: { nodes: Array<{ forecast: Forecast | null }> } }> };
      }>(
        `query ($first: Int!) { objectives(first: $first, filter: { text: "many" }) { nodes {
           keyResults { nodes { status forecast { probability } } } } } }`,
        { first },
      );
      const forecasts = data.objectives.nodes.flatMap((o) => o.keyResults.nodes.map((k) => k.forecast));
      expect(forecasts.every((f) => f !== null)).toBe(true);
      return t.queries.length;
    };
    expect(await count(12)).toBe(await count(2));
  }, 120_000);
});
