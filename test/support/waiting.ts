// Waiting in tests for what happens in the background (a worker, a pubsub, another process): every wait has a
// deadline and fails naming what it waited for, so a lost event fails the test instead of hanging it.
import { setTimeout as sleep } from 'node:timers/promises';

/** `eventually` and `within` failing after `defaultMs` unless a call gives its own deadline. */
export function waitingUpTo(defaultMs: number) {
  return {
    /** Waits for `check` to hold. */
    async eventually(check: () => Promise<boolean> | boolean, what: string, ms = defaultMs): Promise<void> {
      const deadline = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`still waiting for ${what} after ${ms / 1000} s`);
        await sleep(5);
      }
    },
    /** `promise`, or a failure naming `what` when it does not settle in time. */
    async within<T>(promise: Promise<T>, what: string, ms = defaultMs): Promise<T> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms / 1000} s`)), ms);
      });
      try {
        return await Promise.race([promise, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export const { eventually, within } = waitingUpTo(10_000);

/** A promise and the function that resolves it, for a test to release work it holds. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
