// The network a classifier recipe trains: the encoded row (multi-hot words, numbers, categories), an optional
// hidden ReLU layer, and a softmax over the labels, with an L2 penalty on the weights. Initialisers are seeded so
// the same seed and data reproduce a version. (An embedding bag over word ids would train faster on wide
// vocabularies, but TensorFlow.js's WebAssembly backend has no kernel for its gradient, UnsortedSegmentSum.)
import type { LayersModel } from '@tensorflow/tfjs';
import type { Tfjs } from '../../infra/ml/index.js';
import type { TrainingParams } from './training-params.js';

export function buildClassifier(
  tf: Tfjs,
  width: number,
  labels: number,
  params: Pick<TrainingParams, 'hiddenUnits' | 'l2' | 'learningRate' | 'seed'>,
): LayersModel {
  const penalty = () => (params.l2 > 0 ? tf.regularizers.l2({ l2: params.l2 }) : undefined);
  const model = tf.sequential();
  if (params.hiddenUnits > 0)
    model.add(
      tf.layers.dense({
        inputShape: [width],
        units: params.hiddenUnits,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: params.seed }),
        kernelRegularizer: penalty(),
      }),
    );
  model.add(
    tf.layers.dense({
      ...(params.hiddenUnits > 0 ? {} : { inputShape: [width] }),
      units: labels,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: params.seed + 1 }),
      kernelRegularizer: penalty(),
    }),
  );
  model.compile({
    optimizer: tf.train.adam(params.learningRate),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}
