// Retrying work that failed because a dependency was briefly away (a database restart, a failover, a Redis blip).
// Only transient failures are retried (lib/unreachable.ts), only work that may run twice (idempotent upserts,
// fenced updates) should be wrapped, and the wait grows between tries: a short blip costs one pause, a real
// outage fails the work with its true cause once the tries are spent.
import { setTimeout as sleep } from 'node:timers/promises';
import { isTransient } from './unreachable.js';

export interface RetryOptions {
  /** Tries in all, the first included (default 6: about 12 s of waiting with the defaults). */
  attempts?: number;
  /** First wait; each next one doubles, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Stops waiting (and retrying) once aborted: the work's own stop request. */
  signal?: AbortSignal;
  /** Told about each failure that is retried (to log it). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export async function retryTransient<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 6, baseDelayMs = 200, maxDelayMs = 4_000, signal, onRetry } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error) || signal?.aborted) throw error;
      const delayMs = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      onRetry?.(error, attempt, delayMs);
      await sleep(delayMs, undefined, signal ? { signal } : {}).catch(() => {
        throw error; // aborted while waiting: the failure stands
      });
    }
  }
}
