import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineMetrics, type PipelineGaugeValues } from '../../src/server/metrics/pipeline-metrics.js';
import { ServerMetrics } from '../../src/server/plugins/metrics.js';
import { backendName, testRedisUrl } from '../support/backends.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { startTestServer, type TestServer } from './test-server.js';
import { TEST_ACTOR } from '../support/app.js';

describe('Metrics: the server registry (prom-client)', () => {
  it("carries prom-client's default process series and this server's own, under the names dashboards use", async () => {
    const metrics = new ServerMetrics([async () => 'collected_total 1\n']);
    metrics.recordHttpRequest({ method: 'POST', path: '/graphql', status: 200, durationMs: 12 });
    metrics.recordHttpRequest({ method: 'BREW', path: '/../../etc/passwd', status: 404, durationMs: 1 });
    metrics.recordOperation({ name: 'Repos', type: 'query', failed: false, transport: 'http' });
    metrics.recordErrors(['BAD_USER_INPUT'], 'ws');
    const text = await metrics.render();
    for (const series of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_gc_duration_seconds',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_used_bytes',
      'process_uptime_seconds',
      'graphql_ws_connections_active',
    ])
      expect(text).toMatch(new RegExp(`^# TYPE ${series} `, 'm'));
    expect(text).toContain('http_requests_total{method="POST",route="/graphql",status="200"} 1\n');
    // Unknown methods and paths are folded, so a client cannot grow the series.
    expect(text).toContain('http_requests_total{method="other",route="other",status="404"} 1\n');
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.025",route="/graphql"} 1\n');
    expect(text).toContain(
      'graphql_operations_total{operation="Repos",type="query",outcome="success",transport="http"} 1',
    );
    expect(text).toContain('graphql_errors_total{code="BAD_USER_INPUT",transport="ws"} 1\n');
    expect(text.endsWith('collected_total 1\n')).toBe(true);
  });

  it('keeps two servers of one process apart (no global registry)', async () => {
    const a = new ServerMetrics();
    const b = new ServerMetrics();
    a.recordHttpRequest({ method: 'GET', path: '/health', status: 200, durationMs: 1 });
    expect(await a.render()).toContain('http_requests_total{method="GET",route="/health",status="200"} 1');
    expect(await b.render()).not.toContain('route="/health"');
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
    expect((await collect()).replaceAll('\n\n', '\n')).toBe(
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
    if (queued) await t.app.modules.get('pipeline').pipeline.submit('IMPORT', { dir: 'nowhere' }, TEST_ACTOR);
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
