import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineMetrics, type PipelineGaugeValues } from '../../src/server/metrics/pipeline-metrics.js';
import { Counter, Gauge, Histogram, Registry } from '../../src/server/metrics/prometheus.js';
import { backendName, testRedisUrl } from '../support/backends.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { startTestServer, type TestServer } from './test-server.js';

describe('Metrics: Prometheus text format', () => {
  it('renders counters with HELP, TYPE and escaped label values', () => {
    const registry = new Registry();
    const counter = registry.register(new Counter('jobs_total', 'Jobs run.\nPer kind.'));
    counter.inc({ kind: 'a "quoted" \\ name\n' });
    counter.inc({ kind: 'plain' }, 2);
    counter.inc({ kind: 'plain' });
    expect(registry.render()).toBe(
      '# HELP jobs_total Jobs run.\\nPer kind.\n# TYPE jobs_total counter\n' +
        'jobs_total{kind="a \\"quoted\\" \\\\ name\\n"} 1\n' +
        'jobs_total{kind="plain"} 3\n',
    );
  });

  it('renders histograms with cumulative buckets, +Inf, sum and count', () => {
    const histogram = new Histogram('latency_seconds', 'Latency.', [0.1, 1]);
    for (const value of [0.05, 0.1, 0.5, 3]) histogram.observe(value, { route: '/x' });
    expect(histogram.render()).toBe(
      '# HELP latency_seconds Latency.\n# TYPE latency_seconds histogram\n' +
        'latency_seconds_bucket{route="/x",le="0.1"} 2\n' +
        'latency_seconds_bucket{route="/x",le="1"} 3\n' +
        'latency_seconds_bucket{route="/x",le="+Inf"} 4\n' +
        'latency_seconds_sum{route="/x"} 3.65\n' +
        'latency_seconds_count{route="/x"} 4\n',
    );
  });

  it('reads collected gauges at scrape time', () => {
    let value = 1;
    const gauge = new Gauge('things', 'Things.', () => value);
    expect(gauge.render()).toContain('things 1\n');
    value = 7;
    expect(gauge.render()).toContain('things 7\n');
  });
});

describe('Metrics: pipeline execution gauges', () => {
  const queue: PipelineGaugeValues = {
    mode: 'queue',
    workers: 0,
    waiting: 3,
    active: 1,
    delayed: 0,
    failed: 2,
    oldestWaitingSeconds: 42.5,
  };

  it('renders the queue by state, the oldest waiting age and the workers, read when collected', async () => {
    let health = queue;
    const collect = pipelineMetrics(async () => health);
    expect(await collect()).toBe(
      '# HELP ost_pipeline_health_up Whether the pipeline execution state could be read (0: the queue in Redis did not answer).\n' +
        '# TYPE ost_pipeline_health_up gauge\nost_pipeline_health_up 1\n' +
        '# HELP ost_pipeline_queue_jobs Pipeline queue jobs by state (waiting, active, delayed, failed).\n' +
        '# TYPE ost_pipeline_queue_jobs gauge\n' +
        'ost_pipeline_queue_jobs{state="waiting"} 3\n' +
        'ost_pipeline_queue_jobs{state="active"} 1\n' +
        'ost_pipeline_queue_jobs{state="delayed"} 0\n' +
        'ost_pipeline_queue_jobs{state="failed"} 2\n' +
        '# HELP ost_pipeline_queue_oldest_waiting_seconds Age of the oldest run waiting for a worker; 0 when none waits.\n' +
        '# TYPE ost_pipeline_queue_oldest_waiting_seconds gauge\nost_pipeline_queue_oldest_waiting_seconds 42.5\n' +
        '# HELP ost_pipeline_workers Worker processes connected to the pipeline queue.\n' +
        '# TYPE ost_pipeline_workers gauge\nost_pipeline_workers 0\n',
    );
    health = { ...queue, workers: 2, waiting: 0, oldestWaitingSeconds: null };
    const later = await collect();
    expect(later).toContain('ost_pipeline_workers 2\n');
    expect(later).toContain('ost_pipeline_queue_jobs{state="waiting"} 0\n');
    expect(later).toContain('ost_pipeline_queue_oldest_waiting_seconds 0\n');
  });

  it('leaves the workers out when they cannot be counted (Redis refuses CLIENT LIST): unknown is not zero', async () => {
    const text = await pipelineMetrics(async () => ({ ...queue, workers: null }))();
    expect(text).not.toContain('ost_pipeline_workers');
    expect(text).toContain('ost_pipeline_queue_jobs{state="waiting"} 3\n');
  });

  it('inline: the runs this process executes, no queue series', async () => {
    const inline: PipelineGaugeValues = {
      mode: 'inline',
      workers: null,
      waiting: null,
      active: 2,
      delayed: null,
      failed: null,
      oldestWaitingSeconds: null,
    };
    const text = await pipelineMetrics(async () => inline)();
    expect(text).toContain('ost_pipeline_health_up 1\n');
    expect(text).toContain('ost_pipeline_inline_runs_active 2\n');
    expect(text).not.toContain('ost_pipeline_queue_jobs');
  });

  it('a read that fails (Redis down) reports health_up 0 and no stale counts', async () => {
    const text = await pipelineMetrics(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    })();
    expect(text).toContain('ost_pipeline_health_up 0\n');
    expect(text).not.toContain('ost_pipeline_queue_jobs');
  });
});

describe(`Metrics: /metrics carries the pipeline gauges of the composed app (${backendName})`, () => {
  // Services: the queue, with a run submitted and no worker running; embedded: inline execution.
  const queued = Boolean(testRedisUrl);
  const prefix = `ost-test-${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let server: TestServer;

  beforeAll(async () => {
    t = await createTestApp(queued ? { PIPELINE_EXECUTION: 'queue', QUEUE_PREFIX: prefix } : {});
    server = await startTestServer({ metrics: t.app.metrics });
  });
  afterAll(async () => {
    await server?.server.close();
    await t?.close();
    if (!queued) return;
    const redis = new Redis(testRedisUrl!);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('reads the pipeline state at scrape time, after the server metrics', async () => {
    if (queued) await t.app.modules.get('pipeline').pipeline.submit('IMPORT', { dir: 'nowhere' });
    const response = await fetch(`${server.base}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('# TYPE http_requests_total counter\n');
    expect(text).toContain('ost_pipeline_health_up 1\n');
    if (queued) {
      expect(text).toContain('ost_pipeline_queue_jobs{state="waiting"} 1\n');
      expect(text).toContain('ost_pipeline_queue_jobs{state="active"} 0\n');
      expect(text).toContain('ost_pipeline_workers 0\n');
    } else {
      expect(text).toContain('ost_pipeline_inline_runs_active 0\n');
    }
  });
});
