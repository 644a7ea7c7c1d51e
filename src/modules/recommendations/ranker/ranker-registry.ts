// The ranker (the weights of the signals) lives in the model registry as "recommendation-ranker": a linear
// TensorFlow.js model of the 7 signals, so it is versioned, aliased and audited like every model (and answers
// predict like any). The pipeline scores with the version its `champion` alias points at; the weights are read
// from the version's params, without loading the network.
import type { Actor } from '../../../access/index.js';
import { disposeModel, saveArtifact, type MlRuntime } from '../../../infra/ml/index.js';
import type { RegistryServices } from '../../registry/index.js';
import { SIGNALS, type Weights } from '../signals/signal-set.js';

export const RANKER_MODEL = 'recommendation-ranker';
const CHAMPION = 'champion';

export interface Ranker {
  /** What lists record as their ranker: "recommendation-ranker@3". */
  label: string;
  weights: Weights;
}

export interface RankerTraining {
  weights: Weights;
  metrics: Record<string, number>;
  dataset: Record<string, unknown>;
  pipelineRunId: string;
}

const INPUT_SCHEMA = {
  type: 'object',
  properties: Object.fromEntries(SIGNALS.map((signal) => [signal, { type: 'number', minimum: 0, maximum: 1 }])),
  required: [...SIGNALS],
};

export class RankerRegistry {
  constructor(
    private readonly registry: Pick<RegistryServices, 'models' | 'versions' | 'aliases'>,
    private readonly ml: MlRuntime,
  ) {}

  /** The champion's weights; null when no ranker has been registered yet. */
  async champion(): Promise<Ranker | null> {
    const target = await this.registry.aliases.findTarget(RANKER_MODEL, CHAMPION);
    if (!target) return null;
    const version = await this.registry.versions.getOf(target.model, target.version);
    return { label: `${RANKER_MODEL}@${version.version}`, weights: parseWeights(version.params, version.version) };
  }

  /** Registers learned weights as a new version and makes it the champion. */
  async register(training: RankerTraining, actor: Actor): Promise<Ranker> {
    await this.registry.models.ensure(
      {
        name: RANKER_MODEL,
        task: 'regression',
        description: 'Weights of the recommendation signals (learned from held-out contributions).',
        inputSchema: INPUT_SCHEMA,
        outputSchema: { names: ['score'] },
      },
      actor,
    );
    const { tf } = this.ml;
    const network = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [SIGNALS.length], units: 1, activation: 'linear' })],
    });
    const kernel = tf.tensor2d(
      SIGNALS.map((signal) => [training.weights[signal]]),
      [SIGNALS.length, 1],
    );
    const bias = tf.tensor1d([0]);
    network.setWeights([kernel, bias]);
    tf.dispose([kernel, bias]);
    const artifact = await saveArtifact(tf, network);
    disposeModel(network);
    const version = await this.registry.versions.register({
      model: RANKER_MODEL,
      artifact,
      features: SIGNALS.map((signal) => ({ field: signal, kind: 'number' as const })),
      params: { weights: training.weights },
      metrics: training.metrics,
      dataset: training.dataset,
      createdBy: 'recommend',
      pipelineRunId: training.pipelineRunId,
      aliases: [CHAMPION],
      reason: 'learned by the RECOMMEND pipeline',
    });
    return { label: `${RANKER_MODEL}@${version.version}`, weights: training.weights };
  }
}

/** A version's params.weights, checked: every signal a non-negative number, not all zero. */
export function parseWeights(params: unknown, version: number | string): Weights {
  const weights = (params as { weights?: Record<string, unknown> } | null)?.weights;
  const parsed = Object.fromEntries(SIGNALS.map((signal) => [signal, weights?.[signal]]));
  const valid = SIGNALS.every((signal) => typeof parsed[signal] === 'number' && parsed[signal] >= 0);
  if (!valid || SIGNALS.every((signal) => parsed[signal] === 0))
    throw new Error(`${RANKER_MODEL} version ${version} has no usable params.weights (one number ≥ 0 per signal)`);
  return parsed as Weights;
}
