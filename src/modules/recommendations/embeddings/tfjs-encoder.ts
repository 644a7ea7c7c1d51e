// A TensorFlow.js text encoder: a layers model that maps the hashing features of a text (hashing-v1's 384-d
// vector) to a 384-d embedding, L2-normalised. Loaded from a directory in TensorFlow.js's own format
// (ENCODER_MODEL_DIR: model.json with its weightsManifest, and the weight files it names), so a model trained
// elsewhere can be used as it is saved. Its version names the bytes it was built from: another model re-embeds all.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { disposeModel, loadArtifact, type Tfjs } from '../../../infra/ml/index.js';
import { HashingEmbedder } from './hashing-embedder.js';
import { EMBEDDING_DIMENSIONS, normalise, type EmbeddingInput, type TextEmbedder } from './text-embedder.js';

/** Rows per predict call: bounded tensors, whatever the batch given. */
const ROWS_PER_CALL = 256;

export class EncoderLoadError extends Error {}

interface ModelJson {
  modelTopology?: unknown;
  weightsManifest?: Array<{ paths?: unknown; weights?: unknown }>;
}

export class TfjsEncoder implements TextEmbedder {
  readonly dimensions = EMBEDDING_DIMENSIONS;
  private readonly features = new HashingEmbedder();

  private constructor(
    private readonly tf: Tfjs,
    private readonly model: LayersModel,
    readonly version: string,
  ) {}

  /** Loads `dir`; EncoderLoadError says what is missing or does not fit (the input and output must be 384 wide). */
  static async fromDirectory(tf: Tfjs, dir: string): Promise<TfjsEncoder> {
    const file = path.join(dir, 'model.json');
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new EncoderLoadError(`ENCODER_MODEL_DIR: cannot read ${file} (${error.code ?? error.message})`);
    });
    let json: ModelJson;
    try {
      json = JSON.parse(text) as ModelJson;
    } catch {
      throw new EncoderLoadError(`ENCODER_MODEL_DIR: ${file} is not JSON`);
    }
    const manifest = Array.isArray(json.weightsManifest) ? json.weightsManifest : null;
    if (!json.modelTopology || !manifest)
      throw new EncoderLoadError(`ENCODER_MODEL_DIR: ${file} needs modelTopology and weightsManifest (tfjs layers)`);
    const paths = manifest.flatMap((group) => (Array.isArray(group.paths) ? (group.paths as string[]) : []));
    const shards = await Promise.all(
      paths.map((shard) =>
        readFile(path.join(dir, shard)).catch(() => {
          throw new EncoderLoadError(`ENCODER_MODEL_DIR: the weight file ${shard} named in model.json is missing`);
        }),
      ),
    );
    const weights = new Uint8Array(Buffer.concat(shards));
    const model = await loadArtifact(tf, {
      topology: { modelTopology: json.modelTopology, weightSpecs: manifest.flatMap((group) => group.weights ?? []) },
      weights,
    }).catch((error: Error) => {
      throw new EncoderLoadError(`ENCODER_MODEL_DIR: ${error.message}`);
    });
    const input = model.inputs[0]?.shape;
    const output = model.outputs[0]?.shape;
    if (
      model.inputs.length !== 1 ||
      input?.length !== 2 ||
      input[1] !== EMBEDDING_DIMENSIONS ||
      output?.[1] !== EMBEDDING_DIMENSIONS
    ) {
      disposeModel(model);
      throw new EncoderLoadError(
        `ENCODER_MODEL_DIR: the model must take [batch, ${EMBEDDING_DIMENSIONS}] (hashing-v1 features) and give ` +
          `[batch, ${EMBEDDING_DIMENSIONS}]; it takes ${JSON.stringify(input)} and gives ${JSON.stringify(output)}`,
      );
    }
    const digest = createHash('sha256').update(text).update(weights).digest('hex').slice(0, 12);
    return new TfjsEncoder(tf, model, `tfjs-${path.basename(path.resolve(dir))}-${digest}`);
  }

  async embed(inputs: readonly EmbeddingInput[]): Promise<Array<Float32Array | null>> {
    const out: Array<Float32Array | null> = [];
    for (let start = 0; start < inputs.length; start += ROWS_PER_CALL) {
      const features = inputs.slice(start, start + ROWS_PER_CALL).map((input) => this.features.embedOne(input));
      const present = features.filter((vector): vector is Float32Array => vector !== null);
      const flat = new Float32Array(present.length * EMBEDDING_DIMENSIONS);
      present.forEach((vector, i) => flat.set(vector, i * EMBEDDING_DIMENSIONS));
      const encoded = present.length === 0 ? new Float32Array(0) : await this.predict(flat, present.length);
      let row = 0;
      for (const vector of features) {
        if (!vector)
          out.push(null); // nothing to encode: no vector, as with the hashing encoder
        else {
          out.push(normalise(encoded.slice(row * EMBEDDING_DIMENSIONS, (row + 1) * EMBEDDING_DIMENSIONS)));
          row += 1;
        }
      }
    }
    return out;
  }

  private async predict(flat: Float32Array, rows: number): Promise<Float32Array> {
    const result = this.tf.tidy(
      () => this.model.predict(this.tf.tensor2d(flat, [rows, EMBEDDING_DIMENSIONS])) as Tensor,
    );
    try {
      return (await result.data()) as Float32Array;
    } finally {
      result.dispose();
    }
  }

  dispose(): void {
    disposeModel(this.model);
  }
}
