// What the pipeline queue looks like now, for operators (serverInfo.pipelines, /metrics, the API's no-worker
// warning): jobs by state, the oldest waiting job's age and how many worker processes are connected. Four reads
// sent together; callers cache the answer, so a polling dashboard does not turn into Redis load.
import type { Queue } from 'bullmq';
import type { PipelineJobData } from './connection.js';

export interface QueueHealth {
  mode: 'queue';
  /** null: Redis refuses CLIENT LIST, so workers cannot be counted (never a failed read). */
  workers: number | null;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** Since the job was added: a run handed back to the queue keeps its first queueing time. */
  oldestWaitingSeconds: number | null;
}

/** What Queue.getWorkers() lists: one entry per client connection named as a worker of the queue. */
type ClientEntry = Record<string, string>;

/**
 * Workers from BullMQ's reading of CLIENT LIST (every Worker names its connection after the queue). A Redis
 * without the CLIENT command (e.g. GCP Memorystore) gets one placeholder entry from BullMQ instead of a list,
 * which would read as one worker: entries parsed from a real list carry the connection's `rawname`, the
 * placeholder does not. Either refusal means unknown.
 */
export function countWorkers(clients: readonly ClientEntry[], db?: number): number | null {
  if (!clients.every((client) => typeof client['rawname'] === 'string')) return null;
  // CLIENT LIST covers every database of the Redis server, and another deployment may use the same QUEUE_PREFIX
  // on another database: only connections to this queue's database are its workers.
  return db === undefined ? clients.length : clients.filter((client) => client['db'] === String(db)).length;
}

/** The Redis database index a redis:// URL selects (its path, e.g. /15), 0 by default. */
export function databaseOf(url: string): number {
  if (!URL.canParse(url)) return 0; // not a URL ioredis reads a database from: it uses 0
  const index = Number.parseInt(new URL(url).pathname.slice(1) || '0', 10);
  return Number.isInteger(index) && index >= 0 ? index : 0;
}

export async function readQueueHealth(queue: Queue<PipelineJobData>, db?: number): Promise<QueueHealth> {
  const [counts, workers, oldest] = await Promise.all([
    queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
    // An ACL that denies CLIENT LIST (NOPERM) rejects; that must not fail the whole read. An unreachable Redis
    // rejects the other reads too, so it still fails it.
    queue.getWorkers().then(
      (clients) => countWorkers(clients, db),
      () => null,
    ),
    queue.getJobs(['waiting'], 0, 0, true), // the wait list's oldest end
  ]);
  const addedAt = oldest[0]?.timestamp;
  return {
    mode: 'queue',
    workers,
    waiting: (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0),
    active: counts['active'] ?? 0,
    delayed: counts['delayed'] ?? 0,
    failed: counts['failed'] ?? 0,
    oldestWaitingSeconds: addedAt === undefined ? null : Math.max(0, (Date.now() - addedAt) / 1000),
  };
}
