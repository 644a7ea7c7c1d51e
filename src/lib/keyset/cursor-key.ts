// A keyset position (one value per sort column) as an opaque cursor and back, each value checked against the
// kind of its column so that a tampered cursor fails with BAD_USER_INPUT, never with a database error.
import { badInput } from '../../errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { KeyKind, Ordering } from './ordering.js';

export type KeyValue = string | number | bigint | Date | null;

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const BIGINT = /^(0|[1-9]\d{0,18})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeKey(ordering: Ordering, values: readonly KeyValue[]): string {
  return encodeCursor(
    ordering.name,
    // bigint keys travel as decimal strings (JSON has no bigint); Dates as ISO strings.
    values.map((value) =>
      value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value,
    ),
  );
}

function decodeValue(kind: KeyKind, value: string | number | null): KeyValue | undefined {
  switch (kind) {
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'text':
      return typeof value === 'string' ? value : undefined;
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? value : undefined;
    case 'bigint':
      return typeof value === 'string' && BIGINT.test(value) ? BigInt(value) : undefined;
    case 'timestamp':
      return typeof value === 'string' && ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))
        ? new Date(value)
        : undefined;
  }
}

export function decodeKey(ordering: Ordering, cursor: string, argument: string): KeyValue[] {
  const raw = decodeCursor(cursor, ordering.name, ordering.columns.length, argument);
  return ordering.columns.map((column, i) => {
    const value = raw[i] ?? null;
    const decoded = value === null && column.nullable ? null : decodeValue(column.kind, value);
    if (decoded === undefined || (decoded === null && !column.nullable)) {
      throw badInput(
        `Invalid cursor in "${argument}": its position is malformed. Use a cursor returned by this field with the same ordering.`,
        { argument },
      );
    }
    return decoded;
  });
}
