// A version's artifact as stored (topology JSON with the feature preprocessing beside it, weight bytes) and what
// it takes to turn it into something that serves: the network, its feature encoder, and checks that the two fit
// each other and the model's schemas. Registration runs the same checks, so a stored version always loads unless
// its bytes are damaged later.
import type { LayersModel } from '@tensorflow/tfjs';
import type { Prisma } from '../../generated/prisma/client.js';
import {
  ArtifactError,
  disposeModel,
  loadArtifact,
  type ArtifactTopology,
  type ModelArtifact,
  type Tfjs,
} from '../../infra/ml/index.js';
import { isAppError } from '../../errors.js';
import { compileFeatures, parseFeatures, type FeatureEncoder, type FeatureSpec } from './features.js';
import { parseInputSchema } from './input-schema.js';
import type { ModelTask } from './model-names.js';
import { outputMismatch, type OutputSchema } from './output-schema.js';

/** What the topology column holds: TensorFlow.js's topology and weight manifest, plus our preprocessing. */
export interface StoredTopology extends ArtifactTopology {
  preprocessing: { features: FeatureSpec[] };
}

export interface ModelContract {
  task: string;
  inputSchema: unknown;
  outputSchema: unknown;
}

export interface BuiltVersion {
  network: LayersModel;
  encoder: FeatureEncoder;
  features: FeatureSpec[];
  /** Output units per row. */
  units: number;
  /** Bytes of weights the network holds. */
  readonly bytes: number;
}

export function toStoredTopology(artifact: ModelArtifact, features: FeatureSpec[]): Prisma.InputJsonValue {
  const stored: StoredTopology = { ...artifact.topology, preprocessing: { features } };
  return stored as unknown as Prisma.InputJsonValue;
}

/** The feature specs stored with a version; ArtifactError when they are missing or no longer valid. */
export function storedFeatures(topology: unknown, contract: ModelContract): FeatureSpec[] {
  const preprocessing = (topology as Partial<StoredTopology> | null)?.preprocessing;
  try {
    return parseFeatures(preprocessing?.features, parseInputSchema(contract.inputSchema));
  } catch (error) {
    if (isAppError(error)) throw new ArtifactError(`its feature preprocessing is invalid: ${error.message}`);
    throw error;
  }
}

/** Loads the network and checks it against the features and the output schema; disposes it when it does not fit. */
export async function buildVersion(
  tf: Tfjs,
  stored: { topology: unknown; weights: Uint8Array },
  contract: ModelContract,
): Promise<BuiltVersion> {
  const features = storedFeatures(stored.topology, contract);
  const encoder = compileFeatures(features);
  const network = await loadArtifact(tf, stored);
  try {
    const units = checkShapes(network, encoder.width, contract);
    return { network, encoder, features, units, bytes: stored.weights.byteLength };
  } catch (error) {
    disposeModel(network);
    throw error;
  }
}

function checkShapes(network: LayersModel, width: number, contract: ModelContract): number {
  const inputs = network.inputs.map((input) => input.shape);
  const outputs = network.outputs.map((output) => output.shape);
  if (inputs.length !== 1 || inputs[0]!.length !== 2)
    throw new ArtifactError(`serving needs one input of shape [rows, features]; the network takes ${shapes(inputs)}`);
  if (inputs[0]![1] !== width)
    throw new ArtifactError(`its features encode ${width} numbers per row but the network takes ${inputs[0]![1]}`);
  if (outputs.length !== 1 || outputs[0]!.length !== 2 || typeof outputs[0]![1] !== 'number')
    throw new ArtifactError(`serving needs one output of shape [rows, units]; the network gives ${shapes(outputs)}`);
  const units = outputs[0]![1];
  const mismatch = outputMismatch(contract.task as ModelTask, contract.outputSchema as OutputSchema, units);
  if (mismatch) throw new ArtifactError(`it does not fit the output schema: ${mismatch}`);
  return units;
}

const shapes = (list: Array<Array<number | null>>) =>
  list.map((shape) => `[${shape.map((d) => d ?? 'rows').join(', ')}]`).join(' and ');
