// retryTransient: transient failures (a dependency away) are retried with growing waits; anything else, an
// exhausted budget or an abort ends it with the failure itself.
import { describe, expect, it } from 'vitest';
import { retryTransient } from '../../src/lib/retry.js';

const terminated = () =>
  Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });

describe('retryTransient', () => {
  it('retries a transient failure until the work succeeds, waiting longer each time', async () => {
    let calls = 0;
    const waits: number[] = [];
    const result = await retryTransient(
      async () => {
        calls += 1;
        if (calls < 3) throw terminated();
        return 'done';
      },
      { baseDelayMs: 1, onRetry: (_error, _attempt, delayMs) => waits.push(delayMs) },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(waits).toEqual([1, 2]);
  });

  it('does not retry a failure that is not transient', async () => {
    let calls = 0;
    const refused = Object.assign(new Error('duplicate key'), { code: '23505', severity: 'ERROR' });
    await expect(
      retryTransient(async () => {
        calls += 1;
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it('gives up with the last failure once the tries are spent, or at once when aborted', async () => {
    let calls = 0;
    await expect(
      retryTransient(
        async () => {
          calls += 1;
          throw terminated();
        },
        { attempts: 3, baseDelayMs: 1 },
      ),
    ).rejects.toMatchObject({ code: '57P01' });
    expect(calls).toBe(3);

    const controller = new AbortController();
    calls = 0;
    const aborted = retryTransient(
      async () => {
        calls += 1;
        throw terminated();
      },
      { baseDelayMs: 60_000, signal: controller.signal },
    );
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: '57P01' });
    expect(calls).toBe(1);
  });
});
