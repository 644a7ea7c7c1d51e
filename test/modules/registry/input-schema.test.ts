import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { parseInputSchema, validateRows } from '../../../src/modules/registry/input-schema.js';

function badInput(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_USER_INPUT');
    return error as AppError;
  }
  throw new Error('expected BAD_USER_INPUT');
}

const schema = parseInputSchema({
  type: 'object',
  properties: {
    text: { type: 'string', maxLength: 10, minLength: 1 },
    stars: { type: 'number', minimum: 0 },
    forks: { type: 'integer', maximum: 100 },
    language: { type: 'string', enum: ['Go', 'Rust'] },
    archived: { type: 'boolean' },
  },
  required: ['text', 'stars'],
});

describe('Input schema: the format a model declares', () => {
  it('accepts the documented subset and keeps required fields once', () => {
    expect(schema.required).toEqual(['text', 'stars']);
    expect(Object.keys(schema.properties)).toEqual(['text', 'stars', 'forks', 'language', 'archived']);
  });

  it.each([
    [null, 'inputSchema: expected an object'],
    [{ type: 'array', properties: { a: { type: 'number' } } }, 'inputSchema.type: must be "object"'],
    [{ type: 'object', properties: {} }, 'inputSchema.properties: expected an object with at least one field'],
    [{ type: 'object', properties: { a: { type: 'date' } } }, 'inputSchema.properties.a.type: must be one of'],
    [{ type: 'object', properties: { a: { type: 'number', maxLength: 3 } } }, 'properties.a.maxLength: not supported'],
    [{ type: 'object', properties: { '1a': { type: 'number' } } }, 'inputSchema.properties.1a: field names'],
    [{ type: 'object', properties: { a: { type: 'string', enum: [] } } }, 'properties.a.enum: must be a non-empty'],
    [{ type: 'object', properties: { a: { type: 'number' } }, required: ['b'] }, '"b" is not one of the declared'],
    [{ type: 'object', properties: { a: { type: 'number' } }, extra: 1 }, 'inputSchema.extra: not supported'],
  ])('refuses %j naming the path', (value, message) => {
    expect(badInput(() => parseInputSchema(value)).message).toContain(message);
  });
});

describe('Input schema: rows are checked and the first bad one is named by row and field', () => {
  it('accepts rows with optional fields missing or null', () => {
    const rows = [
      { text: 'hi', stars: 3 },
      { text: 'yo', stars: 0, forks: null, language: 'Go', archived: true },
    ];
    expect(validateRows(schema, rows)).toBe(rows);
  });

  it.each([
    [[{ text: 'ok', stars: 1 }, 'nope'], 'inputs[1]: expected an object with fields text, stars, forks', 1, null],
    [[{ text: 'ok' }], 'inputs[0].stars: is required', 0, 'stars'],
    [[{ text: 'ok', stars: null }], 'inputs[0].stars: is required', 0, 'stars'],
    [[{ text: 'ok', stars: 'many' }], 'inputs[0].stars: expected a number, got "many"', 0, 'stars'],
    [[{ text: 'ok', stars: -1 }], 'inputs[0].stars: must be at least 0, got -1', 0, 'stars'],
    [
      [
        { text: 'ok', stars: 1 },
        { text: 'ok', stars: 1, forks: 1.5 },
      ],
      'inputs[1].forks: expected a whole number',
      1,
      'forks',
    ],
    [[{ text: 'ok', stars: 1, forks: 101 }], 'inputs[0].forks: must be at most 100', 0, 'forks'],
    [[{ text: 'far too long!', stars: 1 }], 'inputs[0].text: at most 10 characters, got 13', 0, 'text'],
    [[{ text: '', stars: 1 }], 'inputs[0].text: at least 1 characters', 0, 'text'],
    [[{ text: 'ok', stars: 1, language: 'Java' }], 'inputs[0].language: expected one of "Go", "Rust"', 0, 'language'],
    [[{ text: 'ok', stars: 1, archived: 'yes' }], 'inputs[0].archived: expected true or false', 0, 'archived'],
    [[{ text: 'ok', stars: 1, strs: 2 }], 'inputs[0].strs: unknown field; this model takes text, stars', 0, 'strs'],
    [[{ text: ['a'], stars: 1 }], 'inputs[0].text: expected a string, got a list', 0, 'text'],
  ])('%j → %s', (rows, message, row, field) => {
    const error = badInput(() => validateRows(schema, rows));
    expect(error.message).toContain(message);
    expect(error.details).toEqual({ argument: 'inputs', row, field });
  });
});
