// A model's stored form: its topology and weight manifest as JSON, its weights as one byte string, exactly what
// `tf.io.withSaveHandler` produces and `tf.io.fromMemory` takes back. Loading checks the pieces fit together
// before TensorFlow.js sees them, so a corrupt artifact fails with a message saying which part is wrong.
import type { io, LayersModel } from '@tensorflow/tfjs';
import type { Tfjs } from './runtime.js';

export interface ArtifactTopology {
  modelTopology: Record<string, unknown>;
  weightSpecs: io.WeightsManifestEntry[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

export interface ModelArtifact {
  topology: ArtifactTopology;
  weights: Uint8Array;
}

/** The artifact cannot become a model; the message names the broken part. */
export class ArtifactError extends Error {
  override readonly name = 'ArtifactError';
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };
const QUANTIZED_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2 };

export async function saveArtifact(tf: Tfjs, model: LayersModel): Promise<ModelArtifact> {
  let saved: io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!saved?.modelTopology || !saved.weightSpecs || saved.weightData === undefined) {
    throw new ArtifactError('the model saved no topology or weights');
  }
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(saved.weightData));
  return {
    topology: {
      modelTopology: saved.modelTopology as Record<string, unknown>,
      weightSpecs: saved.weightSpecs,
      format: saved.format,
      generatedBy: saved.generatedBy,
      convertedBy: saved.convertedBy ?? null,
    },
    weights,
  };
}

/** Bytes the weight manifest says the weights take. Throws ArtifactError for a manifest it cannot size. */
export function weightSpecBytes(specs: unknown): number {
  if (!Array.isArray(specs)) throw new ArtifactError('weightSpecs is not a list');
  let total = 0;
  for (const [index, spec] of specs.entries()) {
    const { name, shape, dtype, quantization } = (spec ?? {}) as Partial<io.WeightsManifestEntry>;
    const where = `weightSpecs[${index}]${typeof name === 'string' ? ` (${name})` : ''}`;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
      throw new ArtifactError(`${where} has no valid shape`);
    const size = quantization ? QUANTIZED_BYTES[quantization.dtype] : DTYPE_BYTES[String(dtype)];
    if (size === undefined) throw new ArtifactError(`${where} has an unsupported dtype ${String(dtype)}`);
    total += shape.reduce((a, b) => a * b, 1) * size;
  }
  return total;
}

/** Builds the model. Throws ArtifactError when the topology or the weights are not what the other expects. */
export async function loadArtifact(
  tf: Tfjs,
  artifact: { topology: unknown; weights: Uint8Array },
): Promise<LayersModel> {
  const topology = artifact.topology as Partial<ArtifactTopology> | null;
  if (typeof topology !== 'object' || topology === null || typeof topology.modelTopology !== 'object')
    throw new ArtifactError('the topology has no modelTopology object');
  const expected = weightSpecBytes(topology.weightSpecs);
  if (expected !== artifact.weights.byteLength)
    throw new ArtifactError(
      `the weights hold ${artifact.weights.byteLength} bytes but the weight specs need ${expected}`,
    );
  // Prisma hands Bytes over as a view that may share a larger buffer: copy exactly this artifact's bytes.
  const { buffer, byteOffset, byteLength } = artifact.weights;
  const weightData = buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer;
  try {
    return await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: topology.modelTopology, weightSpecs: topology.weightSpecs, weightData }),
    );
  } catch (error) {
    throw new ArtifactError(`TensorFlow.js cannot build the model: ${(error as Error).message}`, { cause: error });
  }
}
