// A minimal Prometheus registry (counters, gauges, histograms) rendering the text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/). Enough for one process's /metrics without a
// dependency; label sets must stay small and bounded, which the callers guarantee.

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Labels = Readonly<Record<string, string>>;

const escapeLabelValue = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const formatValue = (value: number): string =>
  Number.isNaN(value) ? 'NaN' : value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : String(value);

function renderLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

/** Series keyed by their label set; JSON of sorted entries is a stable key. */
class Series<T> {
  private readonly byKey = new Map<string, { labels: Labels; value: T }>();
  constructor(private readonly initial: () => T) {}
  get(labels: Labels): { labels: Labels; value: T } {
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { labels: { ...labels }, value: this.initial() };
      this.byKey.set(key, entry);
    }
    return entry;
  }
  all(): Iterable<{ labels: Labels; value: T }> {
    return this.byKey.values();
  }
}

interface Metric {
  render(): string;
}

/**
 * Exposition text for values that must be read asynchronously when scraped (a queue in Redis). Rendered after the
 * registry's metrics; one that rejects is left out of that scrape.
 */
export type MetricsCollector = () => Promise<string>;

abstract class NamedMetric implements Metric {
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly type: 'counter' | 'gauge' | 'histogram',
  ) {}
  protected header(): string {
    return `# HELP ${this.name} ${escapeHelp(this.help)}\n# TYPE ${this.name} ${this.type}\n`;
  }
  abstract render(): string;
}

export class Counter extends NamedMetric {
  private readonly series = new Series<{ n: number }>(() => ({ n: 0 }));
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }
  inc(labels: Labels = {}, by = 1): void {
    this.series.get(labels).value.n += by;
  }
  render(): string {
    let out = this.header();
    for (const { labels, value } of this.series.all())
      out += `${this.name}${renderLabels(labels)} ${formatValue(value.n)}\n`;
    return out;
  }
}

export class Gauge extends NamedMetric {
  private readonly series = new Series<{ n: number }>(() => ({ n: 0 }));
  /** `collect` (optional) reads the current value at scrape time, for values owned by someone else (memory). */
  constructor(
    name: string,
    help: string,
    private readonly collect?: () => number,
  ) {
    super(name, help, 'gauge');
  }
  inc(labels: Labels = {}, by = 1): void {
    this.series.get(labels).value.n += by;
  }
  dec(labels: Labels = {}, by = 1): void {
    this.series.get(labels).value.n -= by;
  }
  set(value: number, labels: Labels = {}): void {
    this.series.get(labels).value.n = value;
  }
  render(): string {
    if (this.collect) this.set(this.collect());
    let out = this.header();
    for (const { labels, value } of this.series.all())
      out += `${this.name}${renderLabels(labels)} ${formatValue(value.n)}\n`;
    return out;
  }
}

export class Histogram extends NamedMetric {
  private readonly series: Series<{ counts: number[]; sum: number; count: number }>;
  constructor(
    name: string,
    help: string,
    private readonly buckets: readonly number[],
  ) {
    super(name, help, 'histogram');
    this.series = new Series(() => ({ counts: buckets.map(() => 0), sum: 0, count: 0 }));
  }
  observe(value: number, labels: Labels = {}): void {
    const entry = this.series.get(labels).value;
    entry.sum += value;
    entry.count += 1;
    // Non-cumulative here; made cumulative when rendered.
    const index = this.buckets.findIndex((bound) => value <= bound);
    if (index >= 0) entry.counts[index] = (entry.counts[index] ?? 0) + 1;
  }
  render(): string {
    let out = this.header();
    for (const { labels, value } of this.series.all()) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += value.counts[i] ?? 0;
        out += `${this.name}_bucket${renderLabels({ ...labels, le: formatValue(bound) })} ${cumulative}\n`;
      });
      out += `${this.name}_bucket${renderLabels({ ...labels, le: '+Inf' })} ${value.count}\n`;
      out += `${this.name}_sum${renderLabels(labels)} ${formatValue(value.sum)}\n`;
      out += `${this.name}_count${renderLabels(labels)} ${value.count}\n`;
    }
    return out;
  }
}

export class Registry {
  private readonly metrics: Metric[] = [];
  register<M extends Metric>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }
  render(): string {
    return this.metrics.map((metric) => metric.render()).join('');
  }
}
