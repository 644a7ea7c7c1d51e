// Cached answers of recommendations, similar and search: keyed by their inputs and the published RECOMMEND run
// (each run re-embeds what changed and publishes new lists), so a publish makes every earlier answer unreachable in
// every process at once, and nothing has to be deleted. The entries left behind expire after their time to live
// (ANSWER_CACHE_TTL_SECONDS).
import { createHash } from 'node:crypto';
import type { GuardedCache } from '../../../infra/cache/index.js';
import type { PublishedRun } from './published-run.js';

/** A short digest of a request's inputs, for keys and cursors (JSON, so key order is the caller's). */
export const requestDigest = (inputs: unknown): string =>
  createHash('sha256').update(JSON.stringify(inputs)).digest('base64url').slice(0, 22);

/** The cache key of an answer: the published run, then the request. */
export const answerKey = (generation: string, inputs: unknown): string => `${generation}:${requestDigest(inputs)}`;

export type AnswerArea = 'recommendations' | 'profile' | 'similar' | 'search';

export class AnswerCache {
  constructor(
    private readonly cache: GuardedCache,
    private readonly published: PublishedRun,
    private readonly ttlSeconds: number,
  ) {}

  /** What every key starts with: the published run ("none" before the first publish). */
  async generation(): Promise<string> {
    return (await this.published.current()) ?? 'none';
  }

  getOrCompute<T>(area: AnswerArea, key: string, compute: () => Promise<T>): Promise<T> {
    return this.cache.getOrCompute(area, key, this.ttlSeconds, compute);
  }

  getMany<T>(area: AnswerArea, keys: readonly string[]): Promise<Array<T | undefined>> {
    return this.cache.getMany<T>(area, keys);
  }

  set(area: AnswerArea, key: string, value: unknown): void {
    this.cache.set(area, key, value, this.ttlSeconds);
  }
}
