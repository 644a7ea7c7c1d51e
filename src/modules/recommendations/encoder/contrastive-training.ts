// Training of the word-bag encoder (word-bag-encoder.ts), contrastively: for a batch of positive pairs (a_i, b_i),
// every other b_j in the batch is a negative of a_i, and the loss is the symmetric InfoNCE of the cosine
// similarities at temperature τ (the in-batch-negatives objective of CLIP and of sentence-embedding training).
//
// The split of the work: TensorFlow.js computes the loss and its gradient with respect to the batch's summed word
// vectors (normalisation, the similarity matrix, both softmaxes); the sparse part, summing a text's word rows and
// sending each text's gradient back to its rows, is a loop here, and so is the optimiser: Adam, lazily, on the
// rows a batch touched (TensorFlow's LazyAdam). A dense gradient of the whole vocabulary matrix per step would
// cost 50× the rest, and the WebAssembly backend has no scatter-add for `gather`'s gradient.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { GradSaveFunc, Tensor } from '@tensorflow/tfjs';
import type { Tfjs } from '../../../infra/ml/index.js';
import { seededRandom } from '../../../lib/seeded-random.js';
import { buildVocabulary } from '../../training/index.js';
import { EMBEDDING_DIMENSIONS } from '../embeddings/text-embedder.js';
import { wordIds } from './word-bag-encoder.js';
import type { PairKind, PairPools } from './positive-pairs.js';

const D = EMBEDDING_DIMENSIONS;

export interface EncoderTrainingOptions {
  tf: Tfjs;
  seed: number;
  vocabularySize?: number;
  steps?: number;
  batchSize?: number;
  learningRate?: number;
  temperature?: number;
  signal?: AbortSignal;
  onProgress?: (step: number, steps: number, loss: number) => void;
}

export const ENCODER_DEFAULTS = {
  vocabularySize: 16_384,
  steps: 1_000,
  batchSize: 256,
  learningRate: 0.01,
  temperature: 0.05,
};

export interface TrainedWordBag {
  vocabulary: string[];
  /** [vocabulary × 384], row-major. */
  kernel: Float32Array;
  params: typeof ENCODER_DEFAULTS & { seed: number };
  metrics: { firstLoss: number; finalLoss: number; pairs: Record<PairKind, number> };
}

/** Texts as word ids, compressed rows: text t's ids are ids[offsets[t] .. offsets[t + 1]). */
function encodeTexts(texts: readonly string[], vocabulary: readonly string[]) {
  const index = new Map(vocabulary.map((word, i) => [word, i]));
  const offsets = new Uint32Array(texts.length + 1);
  const ids: number[] = [];
  texts.forEach((text, t) => {
    for (const id of wordIds(text, index)) ids.push(id);
    offsets[t + 1] = ids.length;
  });
  return { offsets, ids: Uint32Array.from(ids) };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export async function trainWordBagEncoder(pools: PairPools, options: EncoderTrainingOptions): Promise<TrainedWordBag> {
  const { tf } = options;
  const params = { ...ENCODER_DEFAULTS, ...definedOnly(options), seed: options.seed };
  const random = seededRandom(options.seed);
  const vocabulary = buildVocabulary(pools.texts, params.vocabularySize);
  const V = vocabulary.length;
  if (V === 0) throw new Error('the catalog has no word used twice: nothing to learn an encoder from');
  const { offsets, ids } = encodeTexts(pools.texts, vocabulary);
  const hasWords = (t: number) => offsets[t + 1]! > offsets[t]!;
  // Pairs whose texts both have vocabulary words; empty pools are left out of the draw.
  const usable = (Object.entries(pools.pools) as Array<[PairKind, Uint32Array]>).map(([kind, flat]) => {
    const kept: number[] = [];
    for (let p = 0; p < flat.length; p += 2)
      if (hasWords(flat[p]!) && hasWords(flat[p + 1]!)) kept.push(flat[p]!, flat[p + 1]!);
    return { kind, pairs: Uint32Array.from(kept) };
  });
  const pairCounts = Object.fromEntries(usable.map(({ kind, pairs }) => [kind, pairs.length / 2])) as Record<
    PairKind,
    number
  >;
  const draw = usable.filter(({ pairs }) => pairs.length > 0);
  if (draw.length === 0) throw new Error('no positive pairs: the catalog needs shared contributors, owners or topics');

  const kernel = new Float32Array(V * D);
  for (let i = 0; i < kernel.length; i++) kernel[i] = gaussian(random) / Math.sqrt(D);
  const m = new Float32Array(V * D);
  const v = new Float32Array(V * D);
  const grad = new Float32Array(V * D);
  const touched = new Uint8Array(V);
  const B = params.batchSize;
  const eye = tf.oneHot(tf.range(0, B, 1, 'int32'), B);
  // a · bᵀ with its gradient spelled out: TensorFlow.js's WebAssembly matMul is an order of magnitude slower with
  // either operand transposed, and the automatic gradient of a · bᵀ uses both transposed forms.
  const similarities: (a: Tensor, b: Tensor) => Tensor = tf.customGrad((...args: Array<Tensor | GradSaveFunc>) => {
    const [a, b, save] = args as [Tensor, Tensor, GradSaveFunc];
    save([a, b]);
    return {
      value: tf.matMul(a, tf.transpose(b)),
      gradFunc: (dy: Tensor | Tensor[], [sa, sb]: Tensor[]) => {
        const grad = dy as Tensor;
        return [tf.matMul(grad, sb!), tf.matMul(tf.transpose(grad), sa!)];
      },
    };
  });
  const lossOf = tf.valueAndGrads((a: Tensor, b: Tensor) => {
    const an = a.div(a.norm('euclidean', 1, true).add(1e-8));
    const bn = b.div(b.norm('euclidean', 1, true).add(1e-8));
    const logits = similarities(an, bn).div(params.temperature);
    return tf.losses
      .softmaxCrossEntropy(eye, logits)
      .add<Tensor>(tf.losses.softmaxCrossEntropy(eye, logits.transpose()))
      .div<Tensor>(2);
  });
  const sumRows = (text: number, out: Float32Array, at: number) => {
    for (let e = offsets[text]!; e < offsets[text + 1]!; e++) {
      const row = ids[e]! * D;
      for (let d = 0; d < D; d++) out[at + d]! += kernel[row + d]!;
    }
  };
  const scatter = (text: number, g: Float32Array, at: number, rows: number[]) => {
    for (let e = offsets[text]!; e < offsets[text + 1]!; e++) {
      const id = ids[e]!;
      if (!touched[id]) {
        touched[id] = 1;
        rows.push(id);
      }
      const row = id * D;
      for (let d = 0; d < D; d++) grad[row + d]! += g[at + d]!;
    }
  };
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  let firstLoss = NaN;
  let loss = NaN;
  try {
    for (let step = 1; step <= params.steps; step++) {
      const left = new Float32Array(B * D);
      const right = new Float32Array(B * D);
      const batch = new Uint32Array(2 * B);
      for (let i = 0; i < B; i++) {
        const { pairs } = draw[Math.floor(random() * draw.length)]!;
        const p = 2 * Math.floor((random() * pairs.length) / 2);
        // Either order: the encoder is one tower for both sides.
        const flip = random() < 0.5 ? 1 : 0;
        batch[2 * i] = pairs[p + flip]!;
        batch[2 * i + 1] = pairs[p + 1 - flip]!;
        sumRows(batch[2 * i]!, left, i * D);
        sumRows(batch[2 * i + 1]!, right, i * D);
      }
      const result = tf.tidy(() => {
        const { value, grads } = lossOf([tf.tensor2d(left, [B, D]), tf.tensor2d(right, [B, D])]);
        return [value, ...grads];
      });
      const [value, gLeft, gRight] = (await Promise.all(result.map((t) => t.data()))) as Float32Array[];
      tf.dispose(result);
      loss = value![0]!;
      if (step === 1) firstLoss = loss;
      const rows: number[] = [];
      for (let i = 0; i < B; i++) {
        scatter(batch[2 * i]!, gLeft!, i * D, rows);
        scatter(batch[2 * i + 1]!, gRight!, i * D, rows);
      }
      const rate = (params.learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
      for (const id of rows) {
        touched[id] = 0;
        for (let k = id * D; k < (id + 1) * D; k++) {
          const g = grad[k]!;
          grad[k] = 0;
          m[k] = beta1 * m[k]! + (1 - beta1) * g;
          v[k] = beta2 * v[k]! + (1 - beta2) * g * g;
          kernel[k]! -= (rate * m[k]!) / (Math.sqrt(v[k]!) + epsilon);
        }
      }
      if (step % 10 === 0 || step === params.steps) {
        options.onProgress?.(step, params.steps, loss);
        options.signal?.throwIfAborted();
        await nextTurn(); // the API process keeps answering while an encoder trains
      }
    }
  } finally {
    eye.dispose();
  }
  return { vocabulary, kernel, params, metrics: { firstLoss, finalLoss: loss, pairs: pairCounts } };
}

function definedOnly(options: EncoderTrainingOptions): Partial<typeof ENCODER_DEFAULTS> {
  const out: Partial<typeof ENCODER_DEFAULTS> = {};
  for (const key of Object.keys(ENCODER_DEFAULTS) as Array<keyof typeof ENCODER_DEFAULTS>)
    if (options[key] !== undefined) out[key] = options[key];
  return out;
}
