// kr-forecast's TRAIN runs (`trainModel(name: "kr-forecast")`, `npm run train -- --model kr-forecast --promote`, the first start):
// generate SYNTHETIC histories from the OKR examples, train, evaluate on held-out key results against linear
// extrapolation and the owner's confidence, register the version with every number, and make it champion when it
// beats both baselines on AUC and Brier and the current champion on AUC.
import { systemActor } from '../../../access/index.js';
import type { Logger } from '../../../logger.js';
import { disposeModel, type MlRuntime } from '../../../infra/ml/index.js';
import type { ModelTrainer, TrainingProgress, TrainingResult } from '../../training/index.js';
import { promoteIfBetter, type PromotionOutcome } from '../../training/index.js';
import type { RegistryServices } from '../../registry/index.js';
import { keyResultTemplates, readOkrExamples } from '../examples/okr-examples.js';
import { parseForecastParams } from './forecast-params.js';
import { FORECAST_MODEL, type ForecastModel } from './forecast-model.js';
import { trainForecast, type ForecastEvaluation } from './forecast-training.js';

const STAGES = ['generate', 'train', 'register'] as const;
const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** The version's metrics: the model's held-out numbers at the top (auc is the promotion metric), baselines beside. */
export function forecastMetrics(evaluation: ForecastEvaluation): Record<string, unknown> {
  const { model, linearExtrapolation: linear, ownerConfidence: owner } = evaluation;
  const summary = (s: typeof linear) => ({ auc: round(s.auc), brier: round(s.brier), valueError: round(s.valueError) });
  return {
    auc: round(model.auc),
    brier: round(model.brier),
    valueError: round(model.valueError),
    intervalCoverage: round(model.coverage),
    examples: evaluation.examples,
    reachedRate: round(evaluation.reachedRate),
    baselines: { linearExtrapolation: summary(linear), ownerConfidence: summary(owner) },
    reliability: model.reliability.map((bin) => ({
      from: bin.from,
      to: bin.to,
      count: bin.count,
      meanPredicted: round(bin.meanPredicted),
      observedRate: round(bin.observedRate),
    })),
  };
}

/** Why the version may not serve: the baselines it fails to beat (empty: it beats both on AUC and Brier). */
export function baselineFailures(evaluation: ForecastEvaluation): string[] {
  const failures: string[] = [];
  for (const [name, baseline] of [
    ['linear extrapolation', evaluation.linearExtrapolation],
    ['owner confidence', evaluation.ownerConfidence],
  ] as const) {
    if (!(evaluation.model.auc > baseline.auc)) failures.push(`AUC not above ${name}'s ${round(baseline.auc)}`);
    if (!(evaluation.model.brier < baseline.brier)) failures.push(`Brier not below ${name}'s ${round(baseline.brier)}`);
  }
  return failures;
}

export function forecastTrainer(deps: {
  ml: MlRuntime;
  model: ForecastModel;
  registry: Pick<RegistryServices, 'aliases'>;
  sampleDir: string;
  logger: Logger;
}): ModelTrainer {
  return {
    model: FORECAST_MODEL,
    parseParams: (input) => ({ ...parseForecastParams(input) }),
    async train(request, progress: TrainingProgress): Promise<TrainingResult> {
      const started = performance.now();
      const params = parseForecastParams(request.params);
      const actor = request.actor ?? 'training';
      await progress.plan?.(STAGES);
      await progress.stage('generate', 1);
      const templates = keyResultTemplates(await readOkrExamples(deps.sampleDir));
      progress.advance(1);
      await progress.stage('train', params.epochs);
      const history: Array<Record<string, number>> = [];
      const trained = await trainForecast(deps.ml.tf, templates, params, async (epoch, loss) => {
        history.push({ epoch, valLoss: round(loss) });
        progress.advance(1);
        await progress.metrics?.({ epoch, valLoss: round(loss) });
        if (progress.signal.aborted) throw progress.signal.reason ?? new Error('training stopped');
      });
      try {
        await progress.stage('register', 1);
        await deps.model.define(systemActor('training'));
        const metrics = forecastMetrics(trained.evaluation);
        const version = await deps.model.register(trained, {
          params: { ...params },
          metrics,
          createdBy: actor,
          runId: progress.runId ?? null,
        });
        progress.advance(1);
        const failures = baselineFailures(trained.evaluation);
        let promotion: PromotionOutcome | null = null;
        if (request.promote && failures.length > 0)
          promotion = {
            promoted: false,
            previous: null,
            reason: `does not beat the baselines: ${failures.join('; ')}`,
          };
        else if (request.promote)
          promotion = await promoteIfBetter(deps.registry.aliases, {
            model: FORECAST_MODEL,
            candidate: { ...version, score: trained.evaluation.model.auc },
            metric: 'auc',
            actor,
            runId: progress.runId ?? null,
          });
        if (promotion?.promoted) deps.model.invalidate();
        deps.logger.info(
          { model: FORECAST_MODEL, version: version.version, auc: metrics.auc, brier: metrics.brier, promotion },
          'kr-forecast trained (synthetic histories)',
        );
        return {
          model: FORECAST_MODEL,
          version: version.version,
          metrics,
          primaryMetric: 'auc',
          promotion,
          history,
          stoppedEarly: trained.epochs < params.epochs,
          samplesPerSecond: Math.round(
            (trained.dataset.train * trained.epochs) / ((performance.now() - started) / 1000),
          ),
          dataset: trained.dataset,
          durationMs: Math.round(performance.now() - started),
        };
      } finally {
        disposeModel(trained.network);
      }
    },
  };
}
