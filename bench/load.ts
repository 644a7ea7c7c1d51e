// A small closed-loop HTTP load generator: `concurrency` clients each send the next request as soon as the
// previous one is answered, for `durationMs`. Latencies are kept whole (no sampling) for exact percentiles.
export interface LoadResult {
  requests: number;
  errors: number;
  durationMs: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadOptions {
  url: string;
  body: () => string;
  concurrency: number;
  durationMs: number;
  /** Checks a response body; a false answer counts as an error. */
  check?: (json: unknown) => boolean;
  /** Extra request headers (e.g. a bearer token). */
  headers?: Record<string, string>;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const client = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: options.body(),
        });
        const json = await response.json();
        if (!response.ok || (options.check && !options.check(json))) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const durationMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    durationMs,
    rps: latencies.length / (durationMs / 1000),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: latencies.at(-1) ?? 0,
  };
}
