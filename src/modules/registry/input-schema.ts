// A model's input schema: a small subset of JSON Schema, enough to say what one input row holds and to reject a
// bad row with the row index and field named. The format (also in docs/models.md):
//
//   { "type": "object",
//     "properties": {
//       "text":     { "type": "string", "maxLength": 2000 },         // minLength, maxLength, enum
//       "stars":    { "type": "number", "minimum": 0 },              // minimum, maximum
//       "forks":    { "type": "integer" },                           // a whole number
//       "archived": { "type": "boolean" } },
//     "required": ["text", "stars"] }
//
// Every row is an object. Fields not declared are rejected (a typo must not be ignored silently); a missing or
// null optional field is allowed and encoded by the version's features as "absent".
import { badInput } from '../../errors.js';

export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldSchema {
  type: FieldType;
  description?: string;
  minLength?: number;
  maxLength?: number;
  enum?: string[];
  minimum?: number;
  maximum?: number;
}

export interface InputSchema {
  type: 'object';
  properties: Record<string, FieldSchema>;
  required: string[];
}

export type InputRow = Record<string, string | number | boolean | null>;

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_FIELDS = 256;
const KEYWORDS: Record<FieldType, readonly string[]> = {
  string: ['type', 'description', 'minLength', 'maxLength', 'enum'],
  number: ['type', 'description', 'minimum', 'maximum'],
  integer: ['type', 'description', 'minimum', 'maximum'],
  boolean: ['type', 'description'],
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a schema a client sends (createModel). Throws BAD_USER_INPUT naming the path of the problem. */
export function parseInputSchema(value: unknown, argument = 'inputSchema'): InputSchema {
  const fail = (path: string, problem: string) =>
    badInput(`${argument}${path}: ${problem} (see docs/models.md for the format)`, { argument, path });
  if (!isObject(value)) throw fail('', 'expected an object { type: "object", properties, required }');
  if (value.type !== 'object') throw fail('.type', 'must be "object"');
  if (!isObject(value.properties) || Object.keys(value.properties).length === 0)
    throw fail('.properties', 'expected an object with at least one field');
  const entries = Object.entries(value.properties);
  if (entries.length > MAX_FIELDS) throw fail('.properties', `at most ${MAX_FIELDS} fields`);
  const properties: Record<string, FieldSchema> = {};
  for (const [name, field] of entries) {
    const path = `.properties.${name}`;
    if (!FIELD_NAME.test(name)) throw fail(path, 'field names are letters, digits and "_", not starting with a digit');
    if (!isObject(field) || !(FIELD_TYPES as readonly unknown[]).includes(field.type))
      throw fail(`${path}.type`, `must be one of ${FIELD_TYPES.join(', ')}`);
    const type = field.type as FieldType;
    for (const key of Object.keys(field))
      if (!KEYWORDS[type].includes(key)) throw fail(`${path}.${key}`, `not supported for a ${type} field`);
    for (const key of ['minLength', 'maxLength'] as const)
      if (field[key] !== undefined && !(Number.isInteger(field[key]) && (field[key] as number) >= 0))
        throw fail(`${path}.${key}`, 'must be a whole number from 0');
    for (const key of ['minimum', 'maximum'] as const)
      if (field[key] !== undefined && !Number.isFinite(field[key])) throw fail(`${path}.${key}`, 'must be a number');
    if (
      field.enum !== undefined &&
      !(Array.isArray(field.enum) && field.enum.length > 0 && field.enum.every((v) => typeof v === 'string'))
    )
      throw fail(`${path}.enum`, 'must be a non-empty list of strings');
    if (field.description !== undefined && typeof field.description !== 'string')
      throw fail(`${path}.description`, 'must be a string');
    properties[name] = field as unknown as FieldSchema;
  }
  const required = value.required ?? [];
  if (!Array.isArray(required) || !required.every((name) => typeof name === 'string'))
    throw fail('.required', 'must be a list of field names');
  for (const name of required)
    if (!(name in properties)) throw fail('.required', `"${name}" is not one of the declared properties`);
  const known = new Set(['type', 'properties', 'required', 'description']);
  for (const key of Object.keys(value)) if (!known.has(key)) throw fail(`.${key}`, 'not supported');
  return { type: 'object', properties, required: [...new Set(required)] };
}

/** The first problem of `value` against `field`, or undefined when it fits. */
function problemWith(field: FieldSchema, value: unknown): string | undefined {
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') return `expected a string, got ${describe(value)}`;
      if (field.maxLength !== undefined && value.length > field.maxLength)
        return `at most ${field.maxLength} characters, got ${value.length}`;
      if (field.minLength !== undefined && value.length < field.minLength)
        return `at least ${field.minLength} characters, got ${value.length}`;
      if (field.enum && !field.enum.includes(value))
        return `expected one of ${field.enum.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}`;
      return undefined;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `expected a number, got ${describe(value)}`;
      if (field.type === 'integer' && !Number.isInteger(value)) return `expected a whole number, got ${value}`;
      if (field.minimum !== undefined && value < field.minimum)
        return `must be at least ${field.minimum}, got ${value}`;
      if (field.maximum !== undefined && value > field.maximum) return `must be at most ${field.maximum}, got ${value}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${describe(value)}`;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Checks every row; throws BAD_USER_INPUT for the first bad one, naming it as `inputs[row].field` (details carry
 * row and field for programs).
 */
export function validateRows(schema: InputSchema, rows: readonly unknown[], argument = 'inputs'): InputRow[] {
  const fail = (row: number, field: string | null, problem: string) =>
    badInput(`${argument}[${row}]${field === null ? '' : `.${field}`}: ${problem}`, { argument, row, field });
  const declared = Object.keys(schema.properties);
  rows.forEach((row, index) => {
    if (!isObject(row)) throw fail(index, null, `expected an object with fields ${declared.join(', ')}`);
    for (const name of Object.keys(row))
      if (!(name in schema.properties))
        throw fail(index, name, `unknown field; this model takes ${declared.join(', ')}`);
    for (const name of schema.required)
      if (row[name] === undefined || row[name] === null) throw fail(index, name, 'is required');
    for (const [name, value] of Object.entries(row)) {
      if (value === null) continue;
      const problem = problemWith(schema.properties[name]!, value);
      if (problem) throw fail(index, name, problem);
    }
  });
  return rows as InputRow[];
}
