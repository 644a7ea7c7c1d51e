// Per-version serving counters and latencies in this process, for comparing champion and challenger live.
// Quantiles come from a window of the most recent requests (not since boot), so a regression shows within
// minutes instead of being averaged away by hours of history. Per process: each API process has its own.

import { authorize, type Actor } from '../../access/index.js';

const WINDOW = 1_024;

export interface VersionServingStats {
  model: string;
  version: number;
  /** Requests served (each may hold many rows). */
  requests: number;
  rows: number;
  /** Requests routed to this version that failed (loading, running or decoding), not rejected inputs. */
  errors: number;
  /** Latency quantiles over the last WINDOW successful requests, in milliseconds; null before the first. */
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  meanMs: number | null;
  lastServedAt: Date | null;
}

class Counters {
  requests = 0;
  rows = 0;
  errors = 0;
  lastServedAt: Date | null = null;
  private readonly window = new Float64Array(WINDOW);
  private filled = 0;
  private next = 0;

  observe(ms: number): void {
    this.window[this.next] = ms;
    this.next = (this.next + 1) % WINDOW;
    this.filled = Math.min(this.filled + 1, WINDOW);
  }

  latencies(): Float64Array {
    return this.window.slice(0, this.filled).sort();
  }
}

/** Nearest-rank quantile of sorted values. */
export function quantile(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export class ServingStats {
  private readonly byVersion = new Map<string, { model: string; version: number; counters: Counters }>();

  success(model: string, version: number, rows: number, latencyMs: number): void {
    const counters = this.counters(model, version);
    counters.requests += 1;
    counters.rows += rows;
    counters.lastServedAt = new Date();
    counters.observe(latencyMs);
  }

  error(model: string, version: number): void {
    this.counters(model, version).errors += 1;
  }

  /** Every version of the model that served or failed here, newest version first. */
  forModel(model: string, actor: Actor): VersionServingStats[] {
    authorize(actor, 'serving.stats.read');
    return [...this.byVersion.values()]
      .filter((entry) => entry.model === model)
      .sort((a, b) => b.version - a.version)
      .map(({ version, counters }) => {
        const sorted = counters.latencies();
        return {
          model,
          version,
          requests: counters.requests,
          rows: counters.rows,
          errors: counters.errors,
          p50Ms: quantile(sorted, 0.5),
          p95Ms: quantile(sorted, 0.95),
          p99Ms: quantile(sorted, 0.99),
          meanMs: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null,
          lastServedAt: counters.lastServedAt,
        };
      });
  }

  private counters(model: string, version: number): Counters {
    const key = `${model}@${version}`;
    let entry = this.byVersion.get(key);
    if (!entry) {
      entry = { model, version, counters: new Counters() };
      this.byVersion.set(key, entry);
    }
    return entry.counters;
  }
}
