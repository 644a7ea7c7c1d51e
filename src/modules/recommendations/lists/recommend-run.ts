// The RECOMMEND run: embed what changed (repositories, then users), take the champion ranker (learning and
// registering one when the registry has none), score every user with a contribution in batches that helper runs
// on other workers share, and publish the complete set at once. Only one RECOMMEND run computes at a time: a run
// that finds an earlier one still queued or running fails with CONFLICT. Whatever fails or is cancelled leaves
// the published set as it was; its own partial lists are dropped.
import { systemActor } from '../../../access/index.js';
import { AppError, ErrorCode } from '../../../errors.js';
import type { SqlDriver } from '../../../infra/db/database.js';
import type { Cache } from '../../../infra/cache/index.js';
import type { AppPubSub } from '../../../infra/pubsub/index.js';
import type { MlRuntime } from '../../../infra/ml/index.js';
import type { RunHandle } from '../../pipeline/index.js';
import { embedRepositories, type EmbedSummary } from '../embeddings/repository-embeddings.js';
import type { TextEmbedder } from '../embeddings/text-embedder.js';
import { trainCatalogEncoder, type EncoderTrainingSummary } from '../encoder/catalog-encoder-training.js';
import type { EncoderRegistry } from '../encoder/encoder-registry.js';
import { DEFAULT_SPLIT_SEED, drawSplits, learnRankerWeights } from '../quality/ranker-learning.js';
import { type RankerRegistry, type Ranker } from '../ranker/ranker-registry.js';
import { SemanticScorer } from '../signals/semantic-scores.js';
import { scoreBatches } from './batch-scoring.js';
import { loadCatalogSnapshot, type CatalogSnapshot } from './catalog-snapshot.js';
import { ListScorer } from './list-scorer.js';
import type { ListStore } from './list-store.js';
import type { ScoringBatches } from './scoring-batches.js';
import { embedUsers, type UserEmbedSummary } from './user-embeddings.js';

export const RECOMMEND_STAGES = ['repositories', 'users', 'ranker', 'score', 'publish'] as const;
/** Before them when the run trains a new encoder (trainEncoder). */
export const ENCODER_STAGE = 'encoder';
/** Users the ranker learns from when the registry has none (a seeded sample of those with ≥ 3 contributions). */
const RANKER_TRAINING_USERS = 2_000;

export interface RecommendDeps {
  sql: SqlDriver;
  cache: Cache;
  pubsub: AppPubSub;
  ml: MlRuntime;
  /** The encoder in use when asked (the champion may move while a run waits). */
  encoders: { forRun(): Promise<TextEmbedder> };
  encoderRegistry: EncoderRegistry;
  encoderTrainingSteps: number;
  rankers: RankerRegistry;
  store: ListStore;
  batches: ScoringBatches;
  worker: string;
  batchSize: number;
  staleAfterMs: number;
  /** Told the moment this process has published a run (before the event reaches anyone). */
  onPublished?(state: { runId: string; encoder: string }): void;
  /** Starts `count` SCORE helper runs for the run (queue mode); resolves how many it started. */
  startHelpers(params: ScoreHelperParams, count: number): Promise<number>;
}

export interface RecommendParams {
  /** Score every user, copying nothing from the published run. */
  full?: boolean;
  /** First train a text encoder on the catalog and make it the champion (then everything is re-embedded). */
  trainEncoder?: boolean;
}

/** What a SCORE helper run needs to score exactly as its RECOMMEND run does. */
export interface ScoreHelperParams {
  runId: string;
  encoder: string;
  ranker: Ranker;
  previousRunId: string | null;
  full: boolean;
}

export interface RecommendSummary {
  encoder: string;
  encoderTraining?: EncoderTrainingSummary;
  repositories: EmbedSummary;
  users: UserEmbedSummary;
  ranker: string;
  rankerLearned: boolean;
  batches: number;
  /** Batches the run's own process scored (helpers scored the rest). */
  batchesHere: number;
  helpers: number;
  scored: number;
  copied: number;
  published: number;
  full: boolean;
}

export async function runRecommend(
  deps: RecommendDeps,
  params: RecommendParams,
  run: RunHandle,
): Promise<RecommendSummary> {
  await refuseIfAnotherRunIsActive(deps.sql, run.runId);
  await run.plan?.(params.trainEncoder ? [ENCODER_STAGE, ...RECOMMEND_STAGES] : RECOMMEND_STAGES);
  try {
    let encoderTraining: EncoderTrainingSummary | undefined;
    if (params.trainEncoder) {
      await run.stage(ENCODER_STAGE, null);
      const { data } = await loadCatalogSnapshot(deps.sql, run.signal);
      encoderTraining = await trainCatalogEncoder(
        { sql: deps.sql, ml: deps.ml, registry: deps.encoderRegistry },
        data,
        run,
        { steps: deps.encoderTrainingSteps },
      );
    }
    const embedder = await deps.encoders.forRun();
    await run.stage('repositories', null);
    const repositories = await embedRepositories({ sql: deps.sql, cache: deps.cache, embedder }, run);

    await run.stage('users', null);
    const snapshot = await loadCatalogSnapshot(deps.sql, run.signal);
    const users = await embedUsers(deps.sql, embedder, snapshot, run);

    await run.stage('ranker', null);
    // The semantic signal of a new encoder is another signal: its weight is learnt again with it.
    const champion = params.trainEncoder ? null : await deps.rankers.champion();
    const ranker = champion ?? (await learnRanker(deps, snapshot, run));

    await run.stage('score', snapshot.userIds.length);
    const previous = await deps.store.publication();
    const full =
      params.full === true || !previous || previous.encoder !== embedder.version || previous.ranker !== ranker.label;
    const helper: ScoreHelperParams = {
      runId: run.runId,
      encoder: embedder.version,
      ranker,
      previousRunId: full ? null : (previous?.runId ?? null),
      full,
    };
    const userIds = [...snapshot.userIds].sort((a, b) => a - b);
    await deps.store.discardAllBut(null); // lists of runs that failed before publishing
    const batches = await deps.batches.plan(run.runId, userIds, deps.batchSize);
    const helpers = batches > 1 ? await deps.startHelpers(helper, batches - 1) : 0;
    const batchesHere = await scoreBatches(scoringSetup(deps, snapshot, helper), run, true);
    const counts = await deps.batches.progress(run.runId);

    await run.stage('publish', null);
    run.signal.throwIfAborted();
    const publication = await deps.store.publish(run.runId, {
      encoder: helper.encoder,
      ranker: ranker.label,
      weights: ranker.weights,
    });
    deps.onPublished?.({ runId: run.runId, encoder: publication.encoder });
    deps.pubsub.publish('recommendationsPublished', 'all', {
      runId: run.runId,
      publishedAt: publication.publishedAt.toISOString(),
      users: publication.users,
      scored: counts.scored,
      copied: counts.copied,
    });
    return {
      encoder: embedder.version,
      ...(encoderTraining ? { encoderTraining } : {}),
      repositories,
      users,
      ranker: ranker.label,
      rankerLearned: champion === null,
      batches,
      batchesHere,
      helpers,
      scored: counts.scored,
      copied: counts.copied,
      published: publication.users,
      full,
    };
  } finally {
    // Done or not, the batches are of no further use; a run that did not publish drops its lists too.
    await deps.sql.query('DELETE FROM recommendation_batches WHERE run_id = $1', [run.runId]).catch(() => undefined);
    await deps.store.discardAllBut(null).catch(() => undefined);
  }
}

/** A SCORE helper run: scores batches of its RECOMMEND run until none is left to claim. */
export async function runScoreHelper(deps: RecommendDeps, params: ScoreHelperParams, run: RunHandle) {
  await run.stage('score', null);
  const snapshot = await loadCatalogSnapshot(deps.sql, run.signal);
  const batches = await scoreBatches(scoringSetup(deps, snapshot, params), run, false);
  return { recommendRunId: params.runId, batches };
}

function scoringSetup(deps: RecommendDeps, snapshot: CatalogSnapshot, params: ScoreHelperParams) {
  return {
    sql: deps.sql,
    store: deps.store,
    batches: deps.batches,
    snapshot,
    scorer: new ListScorer(snapshot.data, snapshot.vectors, params.ranker.weights),
    versions: { encoder: params.encoder, ranker: params.ranker.label },
    runId: params.runId,
    previousRunId: params.previousRunId,
    full: params.full,
    worker: deps.worker,
    staleAfterMs: deps.staleAfterMs,
  };
}

async function learnRanker(deps: RecommendDeps, snapshot: CatalogSnapshot, run: RunHandle): Promise<Ranker> {
  const splits = drawSplits(snapshot.data, { seed: DEFAULT_SPLIT_SEED, maxUsers: RANKER_TRAINING_USERS });
  if (splits.length === 0)
    throw new AppError(
      ErrorCode.CONFLICT,
      'no ranker to score with: the registry has no recommendation-ranker champion and no user has 3 contributions ' +
        'to learn one from; import contributions or register a ranker version',
    );
  const semantic = new SemanticScorer(deps.ml.tf, snapshot.vectors);
  try {
    const learned = learnRankerWeights(snapshot.data, semantic, splits, DEFAULT_SPLIT_SEED);
    run.log.info({ weights: learned.weights, lists: learned.lists }, 'ranker learned from held-out contributions');
    return await deps.rankers.register(
      {
        weights: learned.weights,
        metrics: { validationNdcg10: learned.ndcg, heldOut: learned.lists },
        dataset: { users: splits.length, seed: DEFAULT_SPLIT_SEED, repositories: snapshot.repoIds.length },
        pipelineRunId: run.runId,
      },
      systemActor('recommend'),
    );
  } finally {
    semantic.dispose();
  }
}

/**
 * CONFLICT naming the RECOMMEND run that is queued or running: any such run before one is started (`runId` null),
 * or one created before run `runId` (the later of two that got past the first check is the one that stops).
 */
export async function refuseIfAnotherRunIsActive(sql: SqlDriver, runId: string | null): Promise<void> {
  const [active] = await sql.query<{ id: string; status: string }>(
    `SELECT id, status FROM pipeline_runs
      WHERE kind = 'RECOMMEND' AND status IN ('QUEUED', 'RUNNING')
        AND ($1::uuid IS NULL OR (id <> $1 AND created_at < (SELECT created_at FROM pipeline_runs WHERE id = $1)))
      ORDER BY created_at LIMIT 1`,
    [runId],
  );
  if (active)
    throw new AppError(
      ErrorCode.CONFLICT,
      `RECOMMEND run ${active.id} is ${active.status.toLowerCase()}: follow it with pipelineRunUpdated, or cancel ` +
        'it and start again',
      { runId: active.id },
    );
}
