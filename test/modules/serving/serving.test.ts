import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { errorCode } from '../../support/catalog.js';
import { addLinearVersion, createLinearModel } from '../../support/models.js';
import { TEST_ACTOR } from '../../support/app.js';

const PREDICT = `query ($model: String!, $alias: String, $version: Int, $inputs: [JSON!]!, $routingKey: String) {
  predict(model: $model, alias: $alias, version: $version, inputs: $inputs, routingKey: $routingKey) {
    version alias outputs latencyMs logged model { name } modelVersion { version }
  }
}`;

// A type, not an interface: ExecutionResult wants an index-signature-compatible shape.
type Predicted = {
  predict: { version: number; alias: string | null; outputs: Array<{ y: number }>; latencyMs: number; logged: boolean };
};

describe('Serving: predict', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ PREDICTION_LOG_SAMPLE_RATE: '1' });
    await createLinearModel(t.app.modules.get('registry'), 'lin');
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'lin', [1, 1], 0, { aliases: ['champion'] }); // y = a + b
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'lin', [2, 3], 1, { aliases: ['challenger'] }); // y = 2a + 3b + 1
  });
  afterAll(() => t.close());

  const predict = (variables: Record<string, unknown>) => t.run<Predicted>(PREDICT, { model: 'lin', ...variables });

  it('runs every row of a call as one batched tensor call on the named version', async () => {
    const loaded = await t.app.modules.get('serving').serving.load({ model: 'lin', version: 2 }, { actor: TEST_ACTOR });
    const spy = vi.spyOn(loaded.network, 'predict');
    const result = await predict({
      version: 2,
      inputs: [
        { a: 1, b: 1 },
        { a: 0, b: 2 },
        { a: -1, b: 0 },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.predict).toMatchObject({
      version: 2,
      alias: null,
      outputs: [{ y: 6 }, { y: 7 }, { y: -1 }],
      logged: true,
      modelVersion: { version: 2 },
    });
    expect(result.data!.predict.latencyMs).toBeGreaterThan(0);
    expect(spy).toHaveBeenCalledTimes(1);
    expect((spy.mock.calls[0]![0] as { shape: number[] }).shape).toEqual([3, 2]);
    spy.mockRestore();
  });

  it('serves the alias it is given, else the champion', async () => {
    expect((await predict({ alias: 'challenger', inputs: [{ a: 1, b: 0 }] })).data!.predict).toMatchObject({
      version: 2,
      alias: 'challenger',
      outputs: [{ y: 3 }],
    });
    expect((await predict({ inputs: [{ a: 1, b: 0 }] })).data!.predict).toMatchObject({
      version: 1,
      alias: 'champion',
      outputs: [{ y: 1 }],
    });
  });

  it('names the row and the field of a bad input (BAD_USER_INPUT)', async () => {
    const result = await predict({
      inputs: [
        { a: 1, b: 2 },
        { a: 1, b: 'x' },
      ],
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toBe('inputs[1].b: expected a number, got "x"');
    const unknown = await predict({ inputs: [{ a: 1, b: 2, c: 3 }] });
    expect(unknown.errors![0]!.message).toBe('inputs[0].c: unknown field; this model takes a, b');
    const empty = await predict({ inputs: [] });
    expect(empty.errors![0]!.message).toContain('give 1 to 1000 rows');
    const both = await predict({ alias: 'champion', version: 1, inputs: [{ a: 1, b: 1 }] });
    expect(both.errors![0]!.message).toContain('not both');
  });

  it('answers NOT_FOUND for an unknown model, version or alias', async () => {
    const model = await t.run(PREDICT, { model: 'ghost', inputs: [{ a: 1 }] });
    expect([errorCode(model), model.errors![0]!.message]).toEqual(['NOT_FOUND', expect.stringContaining('"ghost"')]);
    const version = await predict({ version: 7, inputs: [{ a: 1, b: 1 }] });
    expect([errorCode(version), version.errors![0]!.message]).toEqual([
      'NOT_FOUND',
      'model "lin" has no version 7 (latest: 2)',
    ]);
    const alias = await predict({ alias: 'shadow', inputs: [{ a: 1, b: 1 }] });
    expect([errorCode(alias), alias.errors![0]!.message]).toEqual([
      'NOT_FOUND',
      'model "lin" has no alias "shadow" (its aliases: challenger, champion)',
    ]);
  });

  it('splits unaddressed traffic by weight, sticky per routing key', async () => {
    await t.app.modules.get('registry').aliases.setTrafficSplit(
      'lin',
      [
        { alias: 'champion', weight: 1 },
        { alias: 'challenger', weight: 1 },
      ],
      { actor: TEST_ACTOR },
    );
    try {
      const seen = new Map<string, number>();
      for (let i = 0; i < 40; i++) {
        const key = `user-${i}`;
        const first = (await predict({ inputs: [{ a: 0, b: 0 }], routingKey: key })).data!.predict;
        const again = (await predict({ inputs: [{ a: 0, b: 0 }], routingKey: key })).data!.predict;
        expect(again.version).toBe(first.version);
        seen.set(first.alias!, (seen.get(first.alias!) ?? 0) + 1);
      }
      expect(seen.get('champion')).toBeGreaterThan(5);
      expect(seen.get('challenger')).toBeGreaterThan(5);
      const model = await t.run(`{ model(name: "lin") { trafficSplit { alias weight share version } } }`);
      expect(model.data).toEqual({
        model: {
          trafficSplit: [
            { alias: 'champion', weight: 1, share: 0.5, version: 1 },
            { alias: 'challenger', weight: 1, share: 0.5, version: 2 },
          ],
        },
      });
    } finally {
      await t.app.modules.get('registry').aliases.setTrafficSplit('lin', [], { actor: TEST_ACTOR });
    }
  });

  it('counts requests, rows and latency per version for comparing champion and challenger', async () => {
    const result = await t.run<{ model: { servingStats: Array<Record<string, number | null>> } }>(
      `{ model(name: "lin") { servingStats { version requests rows errors p50 p95 } } }`,
    );
    const stats = result.data!.model.servingStats;
    expect(stats.map((s) => s.version)).toEqual([2, 1]);
    for (const s of stats) {
      expect(s.requests).toBeGreaterThan(0);
      expect(s.rows).toBeGreaterThanOrEqual(s.requests!);
      expect(s.errors).toBe(0);
      expect(s.p95).toBeGreaterThanOrEqual(s.p50!);
    }
  });

  it('logs sampled predictions, queryable by version and time range', async () => {
    const since = new Date();
    await predict({ version: 1, inputs: [{ a: 4, b: 5 }], routingKey: 'audit' });
    await t.app.modules.get('predictions').predictions.flush();
    const query = `query ($version: Int, $since: DateTimeISO, $until: DateTimeISO) {
      model(name: "lin") { predictions(version: $version, since: $since, until: $until, first: 5) {
        totalCount nodes { version input output routingKey latencyMs } } } }`;
    const recent = await t.run<{ model: { predictions: { totalCount: number; nodes: unknown[] } } }>(query, {
      version: 1,
      since: since.toISOString(),
    });
    expect(recent.errors).toBeUndefined();
    expect(recent.data!.model.predictions).toEqual({
      totalCount: 1,
      nodes: [
        { version: 1, input: { a: 4, b: 5 }, output: { y: 9 }, routingKey: 'audit', latencyMs: expect.any(Number) },
      ],
    });
    const before = await t.run(query, { until: since.toISOString() });
    expect((before.data as { model: { predictions: { nodes: unknown[] } } }).model.predictions.nodes.length).toBe(5);
    const reversed = await t.run(query, { since: since.toISOString(), until: new Date(0).toISOString() });
    expect(errorCode(reversed)).toBe('BAD_USER_INPUT');
  });
});

describe('Serving: prediction log sampling', () => {
  it('writes nothing at PREDICTION_LOG_SAMPLE_RATE=0', async () => {
    const t = await createTestApp({ PREDICTION_LOG_SAMPLE_RATE: '0' });
    try {
      await createLinearModel(t.app.modules.get('registry'), 'quiet');
      await addLinearVersion(t.app.modules.get('registry'), t.app.ml, 'quiet', [1, 1], 0, { aliases: ['champion'] });
      const result = await t.run<Predicted>(PREDICT, { model: 'quiet', inputs: [{ a: 1, b: 1 }] });
      expect(result.data!.predict).toMatchObject({ outputs: [{ y: 2 }], logged: false });
      await t.app.modules.get('predictions').predictions.flush();
      expect(await t.app.db.prisma.prediction.count()).toBe(0);
    } finally {
      await t.close();
    }
  });
});
