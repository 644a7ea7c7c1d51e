// Pipeline execution gauges for /metrics, read when Prometheus scrapes (through the caller's short cache). In the
// services deployment every API process reports the same shared queue: aggregate these with max, not sum.
import { Gauge, type MetricsCollector } from './prometheus.js';

/** The dispatcher's health as the server needs it (structural: the server does not import the pipeline module). */
export interface PipelineGaugeValues {
  mode: 'inline' | 'queue';
  workers: number | null;
  waiting: number | null;
  active: number;
  delayed: number | null;
  failed: number | null;
  oldestWaitingSeconds: number | null;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

export function pipelineMetrics(read: () => Promise<PipelineGaugeValues>): MetricsCollector {
  return async () => {
    const up = new Gauge(
      'ost_pipeline_health_up',
      'Whether the pipeline execution state could be read (0: the queue in Redis did not answer).',
    );
    let health: PipelineGaugeValues;
    try {
      health = await read();
    } catch {
      up.set(0);
      return up.render(); // the other series are absent rather than stale or made up
    }
    up.set(1);
    return [up, ...(health.mode === 'queue' ? queueGauges(health) : inlineGauges(health))]
      .map((gauge) => gauge.render())
      .join('');
  };
}

function queueGauges(health: PipelineGaugeValues): Gauge[] {
  const jobs = new Gauge('ost_pipeline_queue_jobs', 'Pipeline queue jobs by state (waiting, active, delayed, failed).');
  for (const state of QUEUE_STATES) {
    const count = health[state];
    if (count !== null) jobs.set(count, { state });
  }
  const oldest = new Gauge(
    'ost_pipeline_queue_oldest_waiting_seconds',
    'Age of the oldest run waiting for a worker; 0 when none waits.',
  );
  oldest.set(health.oldestWaitingSeconds ?? 0);
  const gauges = [jobs, oldest];
  // Absent when Redis refuses CLIENT LIST: an unknown count is not zero workers.
  if (health.workers !== null) {
    const workers = new Gauge('ost_pipeline_workers', 'Worker processes connected to the pipeline queue.');
    workers.set(health.workers);
    gauges.push(workers);
  }
  return gauges;
}

function inlineGauges(health: PipelineGaugeValues): Gauge[] {
  const active = new Gauge('ost_pipeline_inline_runs_active', 'Pipeline runs this process is executing (inline).');
  active.set(health.active);
  return [active];
}
