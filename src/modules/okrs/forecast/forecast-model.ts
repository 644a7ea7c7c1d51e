// kr-forecast in the model registry: its definition (a regression model whose inputs are the forecast features and
// whose four outputs are the probability and the expected, low and high final progress), registration of trained
// versions, and the champion loaded for serving. `predict(model: "kr-forecast", inputs: [...])` answers like any
// registered model; the OKR forecasts call the loaded network directly, one batch per request.
import type { LayersModel } from '@tensorflow/tfjs';
import type { Actor } from '../../../access/index.js';
import { disposeModel, saveArtifact, type MlRuntime } from '../../../infra/ml/index.js';
import { buildVersion, type RegistryServices } from '../../registry/index.js';
import { FORECAST_FEATURES } from './forecast-features.js';
import { FORECAST_OUTPUTS } from './forecast-network.js';
import { predictor, type ForecastPredictor, type TrainedForecast } from './forecast-training.js';

export const FORECAST_MODEL = 'kr-forecast';
const CHAMPION = 'champion';
/** How long a process trusts its idea of which version is champion (an alias move is seen within this). */
const CHAMPION_TTL_MS = 30_000;

export interface LoadedForecaster {
  /** "kr-forecast@3" */
  label: string;
  version: number;
  predict: ForecastPredictor;
}

type Registry = Pick<RegistryServices, 'models' | 'versions' | 'aliases'>;

export class ForecastModel {
  private champion: { at: number; loading: Promise<LoadedForecaster | null> } | null = null;
  private network: LayersModel | null = null;

  constructor(
    private readonly registry: Registry,
    private readonly ml: MlRuntime,
  ) {}

  /** The champion, loaded (once per version); null while no version has been trained and promoted. */
  current(): Promise<LoadedForecaster | null> {
    const now = Date.now();
    if (!this.champion || now - this.champion.at > CHAMPION_TTL_MS) {
      const previous = this.champion?.loading;
      const loading = this.resolve(previous);
      loading.catch(() => (this.champion = null));
      this.champion = { at: now, loading };
    }
    return this.champion.loading;
  }

  /** Forget the champion now (after this process registered or promoted one). */
  invalidate(): void {
    this.champion = null;
  }

  private async resolve(previous: Promise<LoadedForecaster | null> | undefined): Promise<LoadedForecaster | null> {
    const target = await this.registry.aliases.findTarget(FORECAST_MODEL, CHAMPION);
    if (!target) return null;
    const { model } = target;
    const before = await previous?.catch(() => null);
    if (before && before.version === target.version) return before;
    const record = await this.registry.versions.getOf(model, target.version);
    const built = await buildVersion(this.ml.tf, await this.registry.versions.artifact(record.id), model);
    if (this.network) disposeModel(this.network);
    this.network = built.network;
    return {
      label: `${FORECAST_MODEL}@${target.version}`,
      version: target.version,
      predict: predictor(this.ml.tf, built.network, built.features),
    };
  }

  /** Creates the model's definition when it does not exist yet. */
  async define(actor: Actor): Promise<void> {
    await this.registry.models.ensure(
      {
        name: FORECAST_MODEL,
        task: 'regression',
        description:
          'Forecast of a key result: the probability of reaching its target by its due date, and the final ' +
          'progress expected (with a 10th–90th percentile interval), from its check-in history. Trained on ' +
          'SYNTHETIC histories (docs/models.md).',
        inputSchema: {
          type: 'object',
          properties: Object.fromEntries(FORECAST_FEATURES.map((name) => [name, { type: 'number' }])),
          required: [...FORECAST_FEATURES],
        },
        outputSchema: { names: [...FORECAST_OUTPUTS] },
      },
      actor,
    );
  }

  /** Registers a trained network as a new version (not promoted: the trainer decides). */
  async register(
    trained: TrainedForecast,
    details: {
      params: Record<string, unknown>;
      metrics: Record<string, unknown>;
      createdBy: string;
      runId: string | null;
    },
  ) {
    const artifact = await saveArtifact(this.ml.tf, trained.network);
    return this.registry.versions.register({
      model: FORECAST_MODEL,
      artifact,
      features: trained.features,
      params: details.params,
      metrics: details.metrics,
      dataset: trained.dataset,
      createdBy: details.createdBy,
      pipelineRunId: details.runId,
    });
  }
}
