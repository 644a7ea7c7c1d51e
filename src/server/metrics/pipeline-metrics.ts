// Pipeline execution gauges for /metrics, read when Prometheus scrapes (through the caller's short cache). In the
// services deployment every API process reports the same shared queue: aggregate these with max, not sum.
import { Gauge, Registry, type MetricsCollector } from './prometheus.js';

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

// A registry per scrape: which series exist depends on what was read (a failed read leaves the counts absent
// rather than stale; workers that cannot be counted are absent, not zero).
export function pipelineMetrics(read: () => Promise<PipelineGaugeValues>): MetricsCollector {
  return async () => {
    const registry = new Registry();
    const up = new Gauge({
      name: 'ost_pipeline_health_up',
      help: 'Whether the pipeline execution state could be read (0: the queue in Redis did not answer).',
      registers: [registry],
    });
    let health: PipelineGaugeValues;
    try {
      health = await read();
    } catch {
      up.set(0);
      return registry.metrics();
    }
    up.set(1);
    if (health.mode === 'queue') queueGauges(registry, health);
    else inlineGauges(registry, health);
    return registry.metrics();
  };
}

function queueGauges(registry: Registry, health: PipelineGaugeValues): void {
  const jobs = new Gauge({
    name: 'ost_pipeline_queue_jobs',
    help: 'Pipeline queue jobs by state (waiting, active, delayed, failed).',
    labelNames: ['state'],
    registers: [registry],
  });
  for (const state of QUEUE_STATES) {
    const count = health[state];
    if (count !== null) jobs.set({ state }, count);
  }
  new Gauge({
    name: 'ost_pipeline_queue_oldest_waiting_seconds',
    help: 'Age of the oldest run waiting for a worker; 0 when none waits.',
    registers: [registry],
  }).set(health.oldestWaitingSeconds ?? 0);
  // Absent when Redis refuses CLIENT LIST: an unknown count is not zero workers.
  if (health.workers !== null) {
    new Gauge({
      name: 'ost_pipeline_workers',
      help: 'Worker processes connected to the pipeline queue.',
      registers: [registry],
    }).set(health.workers);
  }
}

function inlineGauges(registry: Registry, health: PipelineGaugeValues): void {
  new Gauge({
    name: 'ost_pipeline_inline_runs_active',
    help: 'Pipeline runs this process is executing (inline).',
    registers: [registry],
  }).set(health.active);
}
