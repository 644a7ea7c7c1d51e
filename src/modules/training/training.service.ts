// Training as pipeline runs (kind TRAIN). `start` checks the request and queues a run; `train` is the run's work,
// a plain function of the run's stored params and its progress reporter, registered as the TRAIN handler, so
// whichever process executes the run (this one, or a worker) trains from what the run recorded.
// Stages: load → features → train (one recorded change per epoch, with its metrics) → evaluate → register.
// GraphQL-free; the resolver and the CLI adapt it.
import { actorName, authorize, type Actor } from '../../access/index.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { badInput, notFound } from '../../errors.js';
import { disposeModel, saveArtifact, type MlRuntime } from '../../infra/ml/index.js';
import { retryTransient } from '../../lib/retry.js';
import type { Logger } from '../../logger.js';
import { compileFeatures, type RegistryServices } from '../registry/index.js';
import type { PipelineRunRecord, PipelineService, ProgressReporter } from '../pipeline/index.js';
import { classificationMetrics, majorityBaseline } from './classification-metrics.js';
import { buildClassifier } from './classifier-network.js';
import { fitClassifier, predictScores } from './fit-classifier.js';
import { labelledSplits, type LabelledPart } from './labelled-splits.js';
import { promoteIfBetter } from './promotion.js';
import type { ClassifierRecipe } from './recipe.js';
import { BUILTIN_RECIPES } from './recipes/index.js';
import { SparseRows } from './sparse-rows.js';
import { parseTrainRequest } from './train-request.js';
import { datasetSummary, modelLabels, roundMetrics, type TrainingResult } from './training-result.js';
import { checkFeatures, ensureDefinition } from './definition.js';

export interface TrainingServiceOptions {
  prisma: PrismaClient;
  runtime: MlRuntime;
  pipeline: PipelineService;
  models: Pick<RegistryServices, 'models' | 'versions' | 'aliases'>;
  logger: Logger;
  /** The trainable models (default: the built-in recipes). */
  recipes?: readonly ClassifierRecipe[];
}

/** What a run's work receives: the reporter, and the run's id when it runs as a pipeline run. */
export type TrainingProgress = ProgressReporter & { runId?: string };

/**
 * A model another module trains its own way (its data, network and metrics are not a classifier recipe's), through
 * the same TRAIN runs: `trainModel(name: ...)`, the CLI and any worker reach it by the model's name.
 */
export interface ModelTrainer {
  readonly model: string;
  /** Checks the run's params (BAD_USER_INPUT naming the param) and fills the trainer's own defaults. */
  parseParams(input: unknown): Record<string, unknown>;
  train(
    request: { params: Record<string, unknown>; promote: boolean; actor: string | null },
    progress: TrainingProgress,
  ): Promise<TrainingResult>;
}

/** Fewest examples each part needs before training means anything. */
const MIN_EXAMPLES = { train: 10, validation: 1, test: 1 };

/** The stages of a TRAIN run, in order. */
const TRAINING_STAGES = ['load', 'features', 'train', 'evaluate', 'register'] as const;

export class TrainingService {
  private readonly recipes: Map<string, ClassifierRecipe>;
  private readonly trainers = new Map<string, ModelTrainer>();
  private readonly logger: Logger;

  constructor(private readonly options: TrainingServiceOptions) {
    this.recipes = new Map((options.recipes ?? BUILTIN_RECIPES).map((recipe) => [recipe.model, recipe]));
    this.logger = options.logger.child({ module: 'training' });
  }

  /** Names of the models this deployment can train. */
  get trainable(): string[] {
    return [...this.recipes.keys(), ...this.trainers.keys()].sort();
  }

  /** Adds a model trained by its own module (composed after this one, so every process has it). */
  addTrainer(trainer: ModelTrainer): void {
    if (this.recipes.has(trainer.model) || this.trainers.has(trainer.model))
      throw new Error(`model "${trainer.model}" already has a way to train it`);
    this.trainers.set(trainer.model, trainer);
  }

  /**
   * Checks a request as a run would store it (NOT_FOUND for an unknown model, BAD_USER_INPUT for a param out of
   * range) without starting anything: what the CLI asks before it records a run.
   */
  async check(input: unknown): Promise<void> {
    if (this.trainerRequest(input)) return;
    await this.recipeFor(parseTrainRequest(input).model);
  }

  /** The trainer's request (its own params) when `input` names a model with a trainer; null otherwise. */
  private trainerRequest(input: unknown) {
    const raw = (input ?? {}) as Record<string, unknown>;
    const trainer = typeof raw.model === 'string' ? this.trainers.get(raw.model.trim()) : undefined;
    if (!trainer) return null;
    const request = parseTrainRequest({ ...raw, params: undefined });
    return { trainer, request: { ...request, params: trainer.parseParams(raw.params) } };
  }

  /** Checks the request (NOT_FOUND, BAD_USER_INPUT) and queues a TRAIN run; returns the run at once. */
  async start(
    input: { model: string; params?: unknown; promote?: boolean | null },
    actor: Actor,
  ): Promise<PipelineRunRecord> {
    authorize(actor, 'training.start');
    const own = this.trainerRequest({ ...input, actor: actorName(actor) });
    if (own) return this.options.pipeline.submit('TRAIN', { ...own.request }, actor);
    const request = parseTrainRequest({ ...input, actor: actorName(actor) });
    await this.recipeFor(request.model);
    return this.options.pipeline.submit('TRAIN', { ...request }, actor);
  }

  /** The recipe for `name`; NOT_FOUND when nothing by that name exists, BAD_USER_INPUT when it cannot train. */
  async recipeFor(name: string): Promise<ClassifierRecipe> {
    const recipe = this.recipes.get(name);
    if (recipe) return recipe;
    const known = `trainable models: ${this.trainable.join(', ')}`;
    const exists = await this.options.prisma.model.count({ where: { name } });
    if (!exists) throw notFound(`no model named "${name}" to train (${known})`, { argument: 'name' });
    throw badInput(`model "${name}" has no training recipe (${known}); register its versions directly instead`, {
      argument: 'name',
    });
  }

  /**
   * Trains, evaluates and registers a version as the run `progress` reports to. `input` is a TrainRequest as the
   * run stored it (JSON, possibly from another process): it is validated again here.
   */
  async train(input: unknown, progress: TrainingProgress): Promise<TrainingResult> {
    const own = this.trainerRequest(input);
    if (own) return own.trainer.train(own.request, progress);
    const request = parseTrainRequest(input);
    const { params } = request;
    const recipe = await this.recipeFor(request.model);
    const { tf } = this.options.runtime;
    const started = performance.now();

    await progress.plan?.(TRAINING_STAGES);
    await progress.stage('load', null);
    // Reads only: read again from the start when the database drops the connection (counted once: the stage's
    // count restarts with the read).
    let read = 0;
    const examples = await retryTransient(
      () => {
        progress.advance(-read);
        read = 0;
        return recipe.load(this.options.prisma, {
          signal: progress.signal,
          onTotal: (total) => progress.setTotal(total),
          onRead: (count) => {
            read += count;
            progress.advance(count);
          },
        });
      },
      { signal: progress.signal },
    );
    const fewest = MIN_EXAMPLES.train + MIN_EXAMPLES.validation + MIN_EXAMPLES.test;
    if (examples.length < fewest)
      throw badInput(
        `too few examples to train "${recipe.model}": ${examples.length} in the catalog (at least ${fewest} ` +
          'needed); import data first (npm run import, or start the server once to import the shipped sample)',
      );
    const model = await retryTransient(() => ensureDefinition(this.options.models.models, recipe, examples), {
      signal: progress.signal,
    });
    const labels = modelLabels(model);
    const splits = labelledSplits(examples, { labels, fallback: recipe.fallbackLabel, ...params });
    for (const part of ['train', 'validation', 'test'] as const)
      if (splits[part].labels.length < MIN_EXAMPLES[part])
        throw badInput(
          `too few examples to train "${model.name}": ${splits[part].labels.length} for ${part} of ` +
            `${examples.length} (at least ${MIN_EXAMPLES[part]} needed)`,
        );

    await progress.stage('features', examples.length - splits.dropped);
    const features = recipe.features(splits.train.examples, params);
    if (features.length === 0)
      throw badInput(`no feature could be learnt from ${splits.train.labels.length} training examples: add data`);
    checkFeatures(model, features); // registration would refuse them, after all the training: refuse them now
    const encoder = compileFeatures(features);
    const encode = async (part: LabelledPart) => ({
      rows: await SparseRows.encode(encoder, part.inputs, (count) => progress.advance(count)),
      labels: part.labels,
    });
    const train = await encode(splits.train);
    const validation = await encode(splits.validation);
    const test = await encode(splits.test);

    await progress.stage('train', params.epochs);
    const network = buildClassifier(tf, encoder.width, labels.length, params);
    let fit, scores, artifact;
    try {
      fit = await fitClassifier(tf, network, train, validation, {
        ...params,
        signal: progress.signal,
        onEpoch: async (report) => {
          progress.advance(1);
          await progress.metrics?.(roundMetrics({ ...report }));
        },
      });
      progress.signal.throwIfAborted();
      await progress.stage('evaluate', test.labels.length);
      scores = predictScores(tf, network, test.rows);
      progress.advance(test.labels.length);
      await progress.stage('register', 1);
      artifact = await saveArtifact(tf, network);
    } finally {
      disposeModel(network);
    }
    const metrics = classificationMetrics(scores, test.labels, labels.length);
    const baseline = majorityBaseline(splits.trainCounts, test.labels);
    const best = fit.history.find((epoch) => epoch.epoch === fit.bestEpoch);
    const versionMetrics = {
      ...roundMetrics({ ...metrics }),
      baseline: roundMetrics({ ...baseline }),
      validation: roundMetrics({ loss: best?.valLoss ?? NaN, accuracy: best?.valAccuracy ?? NaN }),
      bestEpoch: fit.bestEpoch,
      epochs: fit.history.length,
    };
    const dataset = datasetSummary(recipe, splits, labels);
    const version = await this.options.models.versions.register({
      model: model.name,
      artifact,
      features,
      params: { ...params, recipe: recipe.model },
      metrics: versionMetrics,
      dataset,
      createdBy: request.actor ?? 'training',
      pipelineRunId: progress.runId ?? null,
    });
    progress.advance(1);
    const promotion = request.promote
      ? await retryTransient(() =>
          promoteIfBetter(this.options.models.aliases, {
            model: model.name,
            candidate: { ...version, score: metrics[recipe.primaryMetric] },
            metric: recipe.primaryMetric,
            actor: request.actor ?? 'training',
            runId: progress.runId ?? null,
          }),
        )
      : null;
    this.logger.info(
      { model: model.name, version: version.version, metrics: versionMetrics, promoted: promotion?.promoted ?? false },
      'model trained',
    );
    return {
      model: model.name,
      version: version.version,
      metrics: versionMetrics,
      primaryMetric: recipe.primaryMetric,
      promotion,
      history: fit.history.map((epoch) => roundMetrics({ ...epoch })),
      stoppedEarly: fit.stoppedEarly,
      samplesPerSecond: Math.round(fit.samplesPerSecond),
      dataset,
      durationMs: Math.round(performance.now() - started),
    };
  }
}
