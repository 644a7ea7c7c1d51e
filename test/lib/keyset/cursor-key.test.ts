import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { Prisma } from '../../../src/generated/prisma/client.js';
import { encodeCursor } from '../../../src/lib/keyset/cursor.js';
import { decodeKey } from '../../../src/lib/keyset/cursor-key.js';
import { encodeKey, sortColumn, type Ordering } from '../../../src/lib/keyset/index.js';

const ORDERING: Ordering = {
  name: 'test.updated.desc',
  columns: [
    sortColumn(Prisma.sql`t.updated_at`, 'timestamp', 'DESC', { nullable: true }),
    sortColumn(Prisma.sql`t.weight`, 'float', 'DESC'),
    sortColumn(Prisma.sql`lower(t.name)`, 'text', 'ASC'),
    sortColumn(Prisma.sql`t.id`, 'int', 'ASC'),
  ],
};

const refused = (cursor: string) => {
  try {
    decodeKey(ORDERING, cursor, 'after');
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('accepted');
};

describe('Cursor keys: a position in an ordering, typed per column', () => {
  it('round-trips dates (to the millisecond), floats, texts, ids and nulls in nullable columns', () => {
    const key = [new Date('2026-11-23T10:20:30.456Z'), 0.1 + 0.2, 'ünï/"x"', 42];
    expect(decodeKey(ORDERING, encodeKey(ORDERING, key), 'after')).toEqual(key);
    const unknownDate = [null, -1.5, '', 1];
    expect(decodeKey(ORDERING, encodeKey(ORDERING, unknownDate), 'after')).toEqual(unknownDate);
  });

  it.each([
    ['a null in a column that cannot be null', [null, 1, 'a', null]],
    ['a number where a date belongs', [1, 1, 'a', 1]],
    ['a malformed date', ['2026-13-45', 1, 'a', 1]],
    ['a string where a float belongs', [null, '1', 'a', 1]],
    ['a fraction where an id belongs', [null, 1, 'a', 1.5]],
    ['an unsafe integer id', [null, 1, 'a', 2 ** 60]],
  ])('refuses %s with BAD_USER_INPUT', (_name, key) => {
    expect(refused(encodeCursor(ORDERING.name, key as never))).toMatch(
      /Invalid cursor in "after": its position is malformed/,
    );
  });

  it('carries bigint ids (past 2^53) as decimal strings, and refuses anything but plain decimals', () => {
    const ordering: Ordering = { name: 'test.big', columns: [sortColumn(Prisma.sql`t.id`, 'bigint', 'DESC')] };
    const big = 2n ** 62n + 1n;
    expect(decodeKey(ordering, encodeKey(ordering, [big]), 'after')).toEqual([big]);
    for (const bad of [12, '-1', '01', '1e3', ' 7', '99999999999999999999']) {
      expect(() => decodeKey(ordering, encodeCursor('test.big', [bad]), 'after')).toThrow(/malformed/);
    }
  });

  it('refuses a cursor of another ordering, or with the wrong number of values', () => {
    expect(refused(encodeCursor('test.name.asc', ['a', 1]))).toMatch(/another ordering \(test.name.asc\)/);
    expect(refused(encodeCursor(ORDERING.name, [null, 1, 'a']))).toMatch(/malformed/);
  });
});
