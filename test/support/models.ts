// Tiny TensorFlow.js models with known weights, registered through the service as training will: serving tests
// can then predict exact numbers without a training pipeline.
import type { MlRuntime, ModelArtifact } from '../../src/infra/ml/index.js';
import { disposeModel, saveArtifact } from '../../src/infra/ml/index.js';
import type { RegistryServices } from '../../src/modules/registry/index.js';
import { TEST_ACTOR } from './app.js';

type Registry = Pick<RegistryServices, 'models' | 'versions'>;

/** y = kernel·[a, b] + bias, one dense layer with a linear activation. */
export async function linearArtifact(
  ml: MlRuntime,
  kernel: [number, number] = [2, 3],
  bias = 1,
  units = 1,
): Promise<ModelArtifact> {
  const { tf } = ml;
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units, activation: 'linear' })] });
  const weights = [
    tf.tensor2d(
      kernel.map((k) => Array.from({ length: units }, () => k)),
      [2, units],
    ),
    tf.tensor1d(Array.from({ length: units }, () => bias)),
  ];
  model.setWeights(weights);
  tf.dispose(weights);
  const artifact = await saveArtifact(tf, model);
  disposeModel(model);
  return artifact;
}

export const LINEAR_INPUT_SCHEMA = {
  type: 'object',
  properties: { a: { type: 'number' }, b: { type: 'number', minimum: -1000 } },
  required: ['a', 'b'],
};
export const LINEAR_FEATURES = [
  { field: 'a', kind: 'number' as const },
  { field: 'b', kind: 'number' as const },
];

/** A regression model "name" with outputs { y }; versions are added with `addLinearVersion`. */
export async function createLinearModel(models: Registry, name: string): Promise<void> {
  await models.models.create(
    {
      name,
      task: 'regression',
      inputSchema: LINEAR_INPUT_SCHEMA,
      outputSchema: { names: ['y'] },
    },
    TEST_ACTOR,
  );
}

export async function addLinearVersion(
  models: Registry,
  ml: MlRuntime,
  name: string,
  kernel: [number, number],
  bias: number,
  extra: { aliases?: string[]; metrics?: Record<string, unknown> } = {},
) {
  return models.versions.register({
    model: name,
    artifact: await linearArtifact(ml, kernel, bias),
    features: LINEAR_FEATURES,
    params: { kernel, bias },
    metrics: extra.metrics ?? {},
    dataset: { name: 'synthetic' },
    createdBy: 'test',
    aliases: extra.aliases,
  });
}
