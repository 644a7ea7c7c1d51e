// /metrics of the composed app after a few predicts: calls by model, version and outcome, rows, the time-in-model
// histogram, and the loaded-model cache gauges read at scrape time. Both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { backendName } from '../../support/backends.js';
import { errorCode } from '../../support/catalog.js';
import { addLinearVersion, createLinearModel } from '../../support/models.js';
import { startTestServer, type TestServer } from '../../server/test-server.js';
import { TEST_ACTOR } from '../../support/app.js';

const MODEL = 'scored';
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ a: i, b: 1 }));

describe(`Metrics: model serving on /metrics (${backendName})`, () => {
  let t: TestApp;
  let server: TestServer;
  const scrape = async () => {
    const response = await fetch(`${server.base}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    t = await createTestApp({ PREDICTION_LOG_SAMPLE_RATE: '0' });
    server = await startTestServer({ metrics: t.app.metrics });
    await createLinearModel(t.app.modules.get('registry'), MODEL);
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, MODEL, [1, 1], 0, { aliases: ['champion'] });
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, MODEL, [2, 2], 0, { aliases: ['challenger'] });
    await addLinearVersion(t.app.modules.get('registry'), t.app.ml, MODEL, [3, 3], 0, { aliases: ['broken'] });
  });
  afterAll(async () => {
    await server?.server.close();
    await t?.close();
  });

  it('counts calls and rows per version and outcome, and observes the time in the model', async () => {
    const empty = await scrape();
    expect(empty).toContain('# TYPE ost_model_predictions_total counter\n');
    expect(empty).toContain('ost_models_loaded 0\n');
    expect(empty).toContain('ost_model_cache_bytes 0\n');

    for (const n of [1, 2, 3])
      await t.app.modules.get('serving').serving.predict({ model: MODEL, inputs: rows(n) }, TEST_ACTOR);
    await t.app.modules
      .get('serving')
      .serving.predict({ model: MODEL, alias: 'challenger', inputs: rows(5) }, TEST_ACTOR);
    const rejected = await t.run(`{ predict(model: "${MODEL}", inputs: [{ a: "x", b: 1 }]) { version } }`);
    expect(errorCode(rejected)).toBe('BAD_USER_INPUT'); // names no version: not a version's error
    const v3 = await t.app.db.prisma.modelVersion.findFirstOrThrow({ where: { version: 3, model: { name: MODEL } } });
    await t.app.db.prisma.modelVersion.update({ where: { id: v3.id }, data: { weights: new Uint8Array([1, 2]) } });
    const broken = await t.run(`{ predict(model: "${MODEL}", alias: "broken", inputs: [{ a: 1, b: 1 }]) { version } }`);
    expect(errorCode(broken)).toBe('INTERNAL');

    const text = await scrape();
    const labels = (version: number) => `model="${MODEL}",version="${version}"`;
    expect(text).toContain(`ost_model_predictions_total{${labels(1)},outcome="ok"} 3\n`);
    expect(text).toContain(`ost_model_predictions_total{${labels(2)},outcome="ok"} 1\n`);
    expect(text).toContain(`ost_model_predictions_total{${labels(3)},outcome="error"} 1\n`);
    expect(text).not.toContain(`ost_model_predictions_total{${labels(1)},outcome="error"}`);
    expect(text).toContain(`ost_model_prediction_rows_total{${labels(1)}} 6\n`);
    expect(text).toContain(`ost_model_prediction_rows_total{${labels(2)}} 5\n`);
    expect(text).toContain('# TYPE ost_model_predict_duration_seconds histogram\n');
    expect(text).toContain(`ost_model_predict_duration_seconds_bucket{le="0.0001",${labels(1)}} `);
    expect(text).toContain(`ost_model_predict_duration_seconds_bucket{le="+Inf",${labels(1)}} 3\n`);
    expect(text).toContain(`ost_model_predict_duration_seconds_count{${labels(1)}} 3\n`);
    expect(text).toContain(`ost_model_predict_duration_seconds_count{${labels(2)}} 1\n`);
    // Read from the cache when scraped: the two versions that served are loaded, the broken one is not.
    const bytes = t.app.modules.get('serving').cache.bytes;
    expect(bytes).toBeGreaterThan(0);
    expect(text).toContain('ost_models_loaded 2\n');
    expect(text).toContain(`ost_model_cache_bytes ${bytes}\n`);
    t.app.modules.get('serving').serving.unloadHere(MODEL, null);
    const after = await scrape();
    expect(after).toContain('ost_models_loaded 0\n');
    expect(after).toContain(`ost_model_predictions_total{${labels(1)},outcome="ok"} 3\n`); // counters stay
  });
});
