// The trained text encoder lives in the model registry as "text-encoder" (task embedding, input { text }): each
// training registers a version (the vocabulary in its feature spec, the word vectors as the kernel of one Dense
// layer, the training's params and metrics) and moves `champion` to it. The champion is the encoder RECOMMEND
// runs embed with; `predict` on the model answers like any registered model (the unnormalised embedding).
import type { Actor } from '../../../access/index.js';
import { disposeModel, saveArtifact, type MlRuntime } from '../../../infra/ml/index.js';
import { buildVersion, type RegistryServices } from '../../registry/index.js';
import { EMBEDDING_DIMENSIONS } from '../embeddings/text-embedder.js';
import type { TrainedWordBag } from './contrastive-training.js';
import { WordBagEncoder } from './word-bag-encoder.js';

export const ENCODER_MODEL = 'text-encoder';
const CHAMPION = 'champion';
/** Loaded encoders kept by label: the champion and the one the published run used (they differ for a while). */
const KEEP_LOADED = 3;

export interface EncoderRegistration {
  trained: TrainedWordBag;
  dataset: Record<string, unknown>;
  pipelineRunId: string | null;
}

export class EncoderRegistry {
  private readonly loaded = new Map<string, Promise<WordBagEncoder>>();

  constructor(
    private readonly registry: Pick<RegistryServices, 'models' | 'versions' | 'aliases'>,
    private readonly ml: MlRuntime,
  ) {}

  /** The label ("text-encoder@4") `champion` points at; null when no encoder has been trained. */
  async championLabel(): Promise<string | null> {
    const target = await this.registry.aliases.findTarget(ENCODER_MODEL, CHAMPION);
    return target ? `${ENCODER_MODEL}@${target.version}` : null;
  }

  /** The encoder of a label championLabel gave (or a publication recorded), loaded once per process. */
  load(label: string): Promise<WordBagEncoder> {
    let loading = this.loaded.get(label);
    if (!loading) {
      loading = this.build(label);
      loading.catch(() => this.loaded.delete(label));
      this.loaded.set(label, loading);
      while (this.loaded.size > KEEP_LOADED) this.loaded.delete(this.loaded.keys().next().value!);
    }
    return loading;
  }

  private async build(label: string): Promise<WordBagEncoder> {
    const version = Number(label.slice(ENCODER_MODEL.length + 1));
    if (!label.startsWith(`${ENCODER_MODEL}@`) || !Number.isInteger(version))
      throw new Error(`"${label}" is not a ${ENCODER_MODEL} version label`);
    const model = await this.registry.models.getByName(ENCODER_MODEL);
    const record = await this.registry.versions.getOf(model, version);
    const built = await buildVersion(this.ml.tf, await this.registry.versions.artifact(record.id), model);
    try {
      const spec = built.features[0];
      if (built.features.length !== 1 || spec?.kind !== 'text')
        throw new Error(`${label} is not a word-bag encoder: its one feature must be a text feature`);
      const [kernel] = built.network.getWeights();
      if (kernel?.shape[1] !== EMBEDDING_DIMENSIONS)
        throw new Error(`${label} gives ${String(kernel?.shape[1])} numbers; encoders give ${EMBEDDING_DIMENSIONS}`);
      return new WordBagEncoder(label, spec.vocabulary, (await kernel.data()) as Float32Array);
    } finally {
      disposeModel(built.network);
    }
  }

  /** Registers a trained encoder as a new version and makes it the champion; returns its label. */
  async register(registration: EncoderRegistration, actor: Actor): Promise<string> {
    const { trained } = registration;
    await this.registry.models.ensure(
      {
        name: ENCODER_MODEL,
        task: 'embedding',
        description:
          'Text encoder of repositories, users and queries: a bag of words, each a 384-d vector learnt ' +
          'contrastively from repositories that share contributors, an owner or topics.',
        inputSchema: { type: 'object', properties: { text: { type: 'string', maxLength: 10_000 } } },
        outputSchema: {},
      },
      actor,
    );
    const { tf } = this.ml;
    const network = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [trained.vocabulary.length], units: EMBEDDING_DIMENSIONS, useBias: false }),
      ],
    });
    const kernel = tf.tensor2d(trained.kernel, [trained.vocabulary.length, EMBEDDING_DIMENSIONS]);
    network.setWeights([kernel]);
    kernel.dispose();
    const artifact = await saveArtifact(tf, network);
    disposeModel(network);
    const version = await this.registry.versions.register({
      model: ENCODER_MODEL,
      artifact,
      features: [{ field: 'text', kind: 'text', vocabulary: trained.vocabulary, encoding: 'multiHot' }],
      params: trained.params,
      metrics: trained.metrics,
      dataset: registration.dataset,
      createdBy: 'recommend',
      pipelineRunId: registration.pipelineRunId,
      aliases: [CHAMPION],
      reason: 'trained by the RECOMMEND pipeline',
    });
    return `${ENCODER_MODEL}@${version.version}`;
  }
}
