// RECOMMEND runs as the API starts them (`runRecommendations`, the first start, `npm run recommend`) and the two
// handlers any process executes: RECOMMEND (the whole run) and SCORE (a helper that shares a RECOMMEND run's
// scoring batches on another worker). Helpers exist only with a queue: inline, the run's own process scores
// every batch.
import { z } from 'zod';
import { authorize, systemActor, type Actor } from '../../../access/index.js';
import type { PipelineHealth, PipelineRunRecord, PipelineService, RunHandle } from '../../pipeline/index.js';
import { SIGNALS } from '../signals/signal-set.js';
import {
  refuseIfAnotherRunIsActive,
  runRecommend,
  runScoreHelper,
  type RecommendDeps,
  type RecommendSummary,
  type RecommendParams,
  type ScoreHelperParams,
} from './recommend-run.js';

const recommendParams = z.object({ full: z.boolean().optional(), trainEncoder: z.boolean().optional() });
const helperParams = z.object({
  runId: z.string().uuid(),
  encoder: z.string().min(1),
  ranker: z.object({
    label: z.string().min(1),
    weights: z.object(Object.fromEntries(SIGNALS.map((signal) => [signal, z.number().min(0)]))),
  }),
  previousRunId: z.string().uuid().nullable(),
  full: z.boolean(),
});

export interface RecommendRunsOptions {
  pipeline: PipelineService;
  /** The dispatcher's health: how many workers could take helper runs (null inline). */
  health: () => Promise<PipelineHealth>;
  /** Whether this process is one of the queue's workers (it then scores as one of them, not beside them). */
  isWorker: boolean;
  deps: Omit<RecommendDeps, 'startHelpers'>;
}

export class RecommendRuns {
  private readonly deps: RecommendDeps;

  constructor(private readonly options: RecommendRunsOptions) {
    this.deps = { ...options.deps, startHelpers: (params, count) => this.startHelpers(params, count) };
  }

  /**
   * Starts a RECOMMEND run (admins; the first start and CLIs as the system). `full` re-scores every user. One
   * computes at a time: while another is queued or running, CONFLICT naming it, and nothing is recorded.
   * `trainEncoder` first trains a text encoder on the catalog and makes it the champion.
   */
  async start(request: RecommendParams, actor: Actor): Promise<PipelineRunRecord> {
    authorize(actor, 'recommendations.run');
    await refuseIfAnotherRunIsActive(this.options.deps.sql, null);
    const params: RecommendParams = {
      ...(request.full ? { full: true } : {}),
      ...(request.trainEncoder ? { trainEncoder: true } : {}),
    };
    return this.options.pipeline.submit('RECOMMEND', { ...params }, actor);
  }

  /** The RECOMMEND handler (params validated again: another process may have written them). */
  run(params: unknown, run: RunHandle): Promise<RecommendSummary> {
    const parsed = recommendParams.safeParse(params);
    if (!parsed.success)
      throw new Error(`RECOMMEND run params are not { full?, trainEncoder?: boolean }: ${JSON.stringify(params)}`);
    return runRecommend(this.deps, parsed.data, run);
  }

  /** The SCORE handler: a helper of a RECOMMEND run. */
  score(params: unknown, run: RunHandle): Promise<{ recommendRunId: string; batches: number }> {
    const parsed = helperParams.safeParse(params);
    if (!parsed.success) throw new Error(`SCORE run params are not a RECOMMEND run's helper params: ${parsed.error}`);
    return runScoreHelper(this.deps, parsed.data as ScoreHelperParams, run);
  }

  /**
   * One helper per other connected worker, at most one per remaining batch: every worker when the run executes
   * outside them (`npm run recommend` with Redis), every other one when it executes on a worker. A helper that
   * starts after the batches are gone finds nothing to claim and ends at once, so over-asking costs little.
   */
  private async startHelpers(params: ScoreHelperParams, batchesLeft: number): Promise<number> {
    const health = await this.options.health();
    if (health.mode !== 'queue') return 0;
    const others = (health.workers ?? 1) - (this.options.isWorker ? 1 : 0);
    const count = Math.min(batchesLeft, Math.max(0, others));
    const helper = systemActor(`recommend:${params.runId}`);
    for (let i = 0; i < count; i += 1)
      await this.options.pipeline.submit('SCORE', params as unknown as Record<string, unknown>, helper);
    return count;
  }
}
