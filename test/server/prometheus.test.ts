import { describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, Registry } from '../../src/server/metrics/prometheus.js';

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
