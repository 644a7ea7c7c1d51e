// Feature preprocessing: how a validated input row becomes the numbers the network reads. It is stored with each
// version (in its artifact, next to the topology), so a version carries its own vocabulary and scaling and two
// versions of one model may preprocess differently. Training builds the same specs and encodes with the same
// code, so what a model was trained on and what it serves can never drift apart. Kinds (docs/models.md):
//
//   { field, kind: "number", log1p?, mean?, std? }     1 value: (x' - mean) / std, x' = sign(x)·ln(1 + |x|) if log1p
//   { field, kind: "boolean" }                        1 value: 1 or 0
//   { field, kind: "category", values: [...] }        one-hot over values (an unknown value: all zeros)
//   { field, kind: "text", vocabulary: [...],         multiHot: 1 per vocabulary word present (width = vocabulary)
//     encoding?: "multiHot" | "sequence", length? }   sequence: word ids (0 padding, 1 unknown, 2.. vocabulary)
//
// A missing optional field encodes as zeros (for a number: its mean).
import { badInput } from '../../errors.js';
import type { FieldType, InputRow, InputSchema } from './input-schema.js';

export type FeatureSpec =
  | { field: string; kind: 'number'; log1p?: boolean; mean?: number; std?: number }
  | { field: string; kind: 'boolean' }
  | { field: string; kind: 'category'; values: string[] }
  | { field: string; kind: 'text'; vocabulary: string[]; encoding?: 'multiHot' | 'sequence'; length?: number };

export type FeatureKind = FeatureSpec['kind'];

const ACCEPTS: Record<FeatureKind, readonly FieldType[]> = {
  number: ['number', 'integer'],
  boolean: ['boolean'],
  category: ['string'],
  text: ['string'],
};
const MAX_FEATURES = 256;
const MAX_VOCABULARY = 100_000;
const MAX_SEQUENCE = 4_096;

/** Lower-cased runs of letters and digits: the tokenizer training and serving share. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

const distinctStrings = (value: unknown, max: number): value is string[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.length <= max &&
  value.every((v) => typeof v === 'string' && v.length > 0) &&
  new Set(value).size === value.length;

/** Checks specs against the model's input schema; throws BAD_USER_INPUT naming the bad spec. */
export function parseFeatures(value: unknown, schema: InputSchema, argument = 'features'): FeatureSpec[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_FEATURES)
    throw badInput(`${argument}: expected a list of 1 to ${MAX_FEATURES} feature specs`, { argument });
  return value.map((raw, index) => {
    const spec = (raw ?? {}) as Partial<Record<string, unknown>>;
    const fail = (problem: string) => badInput(`${argument}[${index}]: ${problem}`, { argument, index });
    const kind = spec.kind as FeatureKind;
    if (!(kind in ACCEPTS)) throw fail(`kind must be one of ${Object.keys(ACCEPTS).join(', ')}`);
    const field = typeof spec.field === 'string' ? schema.properties[spec.field] : undefined;
    if (!field) throw fail(`field must name a property of the input schema`);
    if (!ACCEPTS[kind].includes(field.type)) throw fail(`a ${kind} feature cannot read a ${field.type} field`);
    if (kind === 'number') {
      if (spec.std !== undefined && !(Number.isFinite(spec.std) && (spec.std as number) > 0))
        throw fail('std must be a positive number');
      if (spec.mean !== undefined && !Number.isFinite(spec.mean)) throw fail('mean must be a number');
      if (spec.log1p !== undefined && typeof spec.log1p !== 'boolean') throw fail('log1p must be true or false');
    }
    if (kind === 'category' && !distinctStrings(spec.values, MAX_VOCABULARY))
      throw fail(`values must be 1 to ${MAX_VOCABULARY} distinct non-empty strings`);
    if (kind === 'text') {
      if (!distinctStrings(spec.vocabulary, MAX_VOCABULARY))
        throw fail(`vocabulary must be 1 to ${MAX_VOCABULARY} distinct non-empty words`);
      const encoding = spec.encoding ?? 'multiHot';
      if (encoding !== 'multiHot' && encoding !== 'sequence') throw fail('encoding must be multiHot or sequence');
      const length = spec.length as number | undefined;
      if (encoding === 'sequence' && !(Number.isInteger(length) && length! >= 1 && length! <= MAX_SEQUENCE))
        throw fail(`a sequence encoding needs a length from 1 to ${MAX_SEQUENCE}`);
      if (encoding === 'multiHot' && length !== undefined) throw fail('length is only for the sequence encoding');
    }
    return raw as FeatureSpec;
  });
}

/** How many numbers a spec contributes to a row. */
export function featureSize(spec: FeatureSpec): number {
  switch (spec.kind) {
    case 'number':
    case 'boolean':
      return 1;
    case 'category':
      return spec.values.length;
    case 'text':
      return spec.encoding === 'sequence' ? spec.length! : spec.vocabulary.length;
  }
}

export interface FeatureEncoder {
  /** Numbers per row: the network's input width. */
  readonly width: number;
  /** Rows (already validated against the input schema) as one row-major [rows × width] block. */
  encode(rows: readonly InputRow[]): Float32Array;
}

type Writer = (value: InputRow[string], out: Float32Array, at: number) => void;

/** Builds lookups (vocabularies, category indexes) once per loaded version, not per request. */
export function compileFeatures(specs: readonly FeatureSpec[]): FeatureEncoder {
  const writers = specs.map((spec) => ({ field: spec.field, size: featureSize(spec), write: writerFor(spec) }));
  const width = writers.reduce((sum, w) => sum + w.size, 0);
  return {
    width,
    encode(rows) {
      const out = new Float32Array(rows.length * width);
      rows.forEach((row, r) => {
        let at = r * width;
        for (const writer of writers) {
          const value = row[writer.field];
          if (value !== undefined && value !== null) writer.write(value, out, at);
          at += writer.size;
        }
      });
      return out;
    },
  };
}

function writerFor(spec: FeatureSpec): Writer {
  switch (spec.kind) {
    case 'number': {
      const { log1p = false, mean = 0, std = 1 } = spec;
      return (value, out, at) => {
        const x = value as number;
        out[at] = ((log1p ? Math.sign(x) * Math.log1p(Math.abs(x)) : x) - mean) / std;
      };
    }
    case 'boolean':
      return (value, out, at) => void (out[at] = value === true ? 1 : 0);
    case 'category': {
      const index = new Map(spec.values.map((v, i) => [v, i]));
      return (value, out, at) => {
        const i = index.get(value as string);
        if (i !== undefined) out[at + i] = 1;
      };
    }
    case 'text': {
      const index = new Map(spec.vocabulary.map((word, i) => [word, i]));
      if (spec.encoding === 'sequence') {
        const length = spec.length!;
        return (value, out, at) =>
          tokenize(value as string)
            .slice(0, length)
            .forEach((token, i) => (out[at + i] = (index.get(token) ?? -1) + 2));
      }
      return (value, out, at) => {
        for (const token of tokenize(value as string)) {
          const i = index.get(token);
          if (i !== undefined) out[at + i] = 1;
        }
      };
    }
  }
}
