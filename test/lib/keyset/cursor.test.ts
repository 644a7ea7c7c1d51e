import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../src/errors.js';
import { decodeCursor, encodeCursor } from '../../../src/lib/keyset/cursor.js';

/** A cursor-shaped string carrying any JSON payload, for cursors `encodeCursor` would never produce. */
const forge = (payload: unknown) => Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
const forgeRaw = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Runs `decode` and returns the AppError it throws (fails the test when it throws anything else or nothing). */
function rejection(decode: () => unknown): AppError {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('the cursor was accepted');
}

const SAYS_WHAT_TO_DO = /Use a cursor returned by this field with the same ordering\./;

describe('Cursor: round trip', () => {
  it('decodes what it encoded, for strings, numbers and nulls', () => {
    const key = ['2026-11-23T10:00:00.000Z', 42, null, 'ünïcödé / 漢字 "quoted"', -1.5, 0] as const;
    expect(decodeCursor(encodeCursor('stars_desc', key), 'stars_desc', key.length)).toEqual(key);
  });

  it('decodes a key of any declared length, including an empty one', () => {
    expect(decodeCursor(encodeCursor('o', []), 'o', 0)).toEqual([]);
    expect(decodeCursor(encodeCursor('o', ['a']), 'o', 1)).toEqual(['a']);
  });

  it('gives the same cursor for the same position (stable across requests)', () => {
    expect(encodeCursor('o', ['x', 1])).toBe(encodeCursor('o', ['x', 1]));
    expect(encodeCursor('o', ['x', 1])).not.toBe(encodeCursor('o', ['x', 2]));
  });
});

describe('Cursor: opaque to clients', () => {
  it('is a base64url token (URL- and header-safe, no padding)', () => {
    const cursor = encodeCursor('created_desc', ['2026-11-23T10:00:00.000Z', 'b0a1c1e2-0000-4000-8000-000000000000']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('does not show its ordering or key values in clear text', () => {
    const cursor = encodeCursor('created_desc', ['secret-position']);
    expect(cursor).not.toContain('created_desc');
    expect(cursor).not.toContain('secret-position');
  });
});

describe('Cursor: rejects what it did not make, with BAD_USER_INPUT and what to do', () => {
  const order = 'created_desc';
  const valid = encodeCursor(order, ['2026-11-23T10:00:00.000Z', 'id-1']);

  const cases: Array<[string, string, RegExp]> = [
    ['a cursor made for another ordering', encodeCursor('stars_desc', ['a', 'b']), /another ordering \(stars_desc\)/],
    ['a cursor of another version', forge({ v: 2, o: order, k: ['a', 'b'] }), /another version of the API/],
    ['a cursor without a version', forge({ o: order, k: ['a', 'b'] }), /another version of the API/],
    ['a key of the wrong length', encodeCursor(order, ['only-one']), /position is malformed/],
    ['a key that is not an array', forge({ v: 1, o: order, k: 'a,b' }), /position is malformed/],
    ['a missing key', forge({ v: 1, o: order }), /position is malformed/],
    ['a key holding an object', forge({ v: 1, o: order, k: ['a', { id: 1 }] }), /position is malformed/],
    ['a key holding a boolean', forge({ v: 1, o: order, k: ['a', true] }), /position is malformed/],
    ['base64url of text that is not JSON', forgeRaw('hello, world'), /not a cursor/],
    ['base64url of a JSON number', forgeRaw('42'), /not a cursor/],
    ['base64url of JSON null', forgeRaw('null'), /not a cursor/],
    ['characters outside base64url', 'abc+/=', /not a cursor/],
    ['spaces and punctuation', 'not a cursor!', /not a cursor/],
    ['an empty string', '', /not a cursor/],
    ['a token longer than 2048 characters', 'A'.repeat(2049), /not a cursor/],
    ['a valid cursor with garbage appended', `${valid}!!`, /not a cursor/],
  ];

  it.each(cases)('%s', (_name, cursor, why) => {
    const error = rejection(() => decodeCursor(cursor, order, 2));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toMatch(/^Invalid cursor in "after": /);
    expect(error.message).toMatch(why);
    expect(error.message).toMatch(SAYS_WHAT_TO_DO);
    expect(error.details).toEqual({ argument: 'after' });
  });

  it('names the argument the cursor came from', () => {
    const error = rejection(() => decodeCursor('%%%', order, 2, 'before'));
    expect(error.message).toMatch(/^Invalid cursor in "before": /);
    expect(error.details).toEqual({ argument: 'before' });
  });

  it('accepts the same valid cursor it rejects under another ordering', () => {
    expect(decodeCursor(valid, order, 2)).toEqual(['2026-11-23T10:00:00.000Z', 'id-1']);
    expect(rejection(() => decodeCursor(valid, 'stars_desc', 2)).code).toBe(ErrorCode.BAD_USER_INPUT);
  });
});
