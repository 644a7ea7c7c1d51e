// A model's output schema says how the numbers of its one output tensor ([rows, units]) become JSON, per task:
//
//   classification  { "labels": ["miss", "hit"] }   → { label, score, scores: { miss, hit } }
//                   units = labels (softmax), or 1 unit with 2 labels (sigmoid: the probability of the second)
//   regression      { "names": ["completion"] }     → { completion: 0.42 }   units = names
//   embedding       {}                              → { embedding: [ ... ] } any units
import { badInput } from '../../errors.js';
import type { ModelTask } from './model-names.js';

export interface OutputSchema {
  labels?: string[];
  names?: string[];
}

export type OutputRow = Record<string, unknown>;

const MAX_OUTPUTS = 10_000;

function nameList(value: unknown, path: string, min: number, argument: string): string[] {
  if (
    !Array.isArray(value) ||
    value.length < min ||
    value.length > MAX_OUTPUTS ||
    !value.every((v) => typeof v === 'string' && v.length > 0)
  )
    throw badInput(`${argument}.${path}: expected a list of at least ${min} non-empty strings`, { argument, path });
  if (new Set(value).size !== value.length)
    throw badInput(`${argument}.${path}: names must be distinct`, { argument, path });
  return value as string[];
}

export function parseOutputSchema(task: ModelTask, value: unknown, argument = 'outputSchema'): OutputSchema {
  const object = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null) as Record<
    string,
    unknown
  > | null;
  if (!object) throw badInput(`${argument}: expected an object (see docs/models.md)`, { argument });
  const allowed = task === 'classification' ? 'labels' : task === 'regression' ? 'names' : undefined;
  for (const key of Object.keys(object))
    if (key !== allowed)
      throw badInput(`${argument}.${key}: not used by ${task} models${allowed ? `; give "${allowed}"` : ''}`, {
        argument,
        path: key,
      });
  if (task === 'classification') return { labels: nameList(object.labels, 'labels', 2, argument) };
  if (task === 'regression') return { names: nameList(object.names, 'names', 1, argument) };
  return {};
}

/** Why a model with `units` outputs cannot serve this schema, or undefined when it can. */
export function outputMismatch(task: ModelTask, schema: OutputSchema, units: number): string | undefined {
  if (task === 'classification') {
    const labels = schema.labels?.length ?? 0;
    if (units === labels || (units === 1 && labels === 2)) return undefined;
    return `it has ${units} output units for ${labels} labels (expected ${labels}, or 1 for 2 labels)`;
  }
  if (task === 'regression') {
    const names = schema.names?.length ?? 0;
    return units === names ? undefined : `it has ${units} output units for ${names} names`;
  }
  return undefined;
}

/** Turns the flat [rows × units] output into one JSON object per row. */
export function decodeOutputs(
  task: ModelTask,
  schema: OutputSchema,
  values: ArrayLike<number>,
  rows: number,
  units: number,
): OutputRow[] {
  const out: OutputRow[] = [];
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: units }, (_, u) => values[r * units + u]!);
    out.push(decodeRow(task, schema, row));
  }
  return out;
}

function decodeRow(task: ModelTask, schema: OutputSchema, row: number[]): OutputRow {
  if (task === 'classification') {
    const labels = schema.labels!;
    const probabilities = row.length === 1 ? [1 - row[0]!, row[0]!] : row;
    let best = 0;
    probabilities.forEach((p, i) => (best = p > probabilities[best]! ? i : best));
    const scores = Object.fromEntries(labels.map((label, i) => [label, probabilities[i]!]));
    return { label: labels[best]!, score: probabilities[best]!, scores };
  }
  if (task === 'regression') return Object.fromEntries(schema.names!.map((name, i) => [name, row[i]!]));
  return { embedding: row };
}
