// The worker entry point refuses to start where it cannot work: it takes runs from the queue in Redis and shares
// the API processes' PostgreSQL database. One clear line on stderr, exit 1, before anything is opened.
import { describe, expect, it } from 'vitest';
import { AppProcess } from '../support/processes.js';

describe('npm run worker: refuses a configuration it cannot work with', () => {
  it.each([
    [{}, /REDIS_URL is not set: workers take runs from the queue in Redis/],
    [{ REDIS_URL: 'redis://127.0.0.1:1/0' }, /DATABASE_URL is not set: a worker must share/],
    [{ WORKER_CONCURRENCY: 'lots' }, /invalid WORKER_CONCURRENCY="lots"/],
  ])(
    '%j: exit 1 with one line saying why',
    async (env, reason) => {
      const worker = new AppProcess('worker', 'src/cli/worker.ts', { LOG_LEVEL: 'silent', ...env });
      expect(await worker.exited).toBe(1);
      expect(worker.output.filter(Boolean)).toEqual([expect.stringMatching(reason)]);
      expect(worker.output.join('\n')).toMatch(/^ost-graph worker: configuration error: /);
    },
    60_000,
  );
});
