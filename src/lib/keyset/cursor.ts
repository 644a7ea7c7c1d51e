// Opaque, stable keyset cursors. A cursor names a position in one ordering (its sort key values), not an offset,
// so pages stay correct while rows are inserted. Clients must treat it as opaque; we version it to evolve it.
import { badInput } from '../../errors.js';

const VERSION = 1;

export type CursorKey = ReadonlyArray<string | number | null>;

export function encodeCursor(order: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify({ v: VERSION, o: order, k: key }), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` for the same ordering; anything else is a BAD_USER_INPUT. */
export function decodeCursor(cursor: string, order: string, keyLength: number, argument = 'after'): CursorKey {
  const fail = (why: string) =>
    badInput(`Invalid cursor in "${argument}": ${why}. Use a cursor returned by this field with the same ordering.`, {
      argument,
    });
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) throw fail('not a cursor');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fail('not a cursor');
  }
  if (typeof parsed !== 'object' || parsed === null) throw fail('not a cursor');
  const { v, o, k } = parsed as { v?: unknown; o?: unknown; k?: unknown };
  if (v !== VERSION) throw fail('made by another version of the API');
  if (o !== order) throw fail(`made for another ordering (${String(o)})`);
  if (
    !Array.isArray(k) ||
    k.length !== keyLength ||
    !k.every((x) => x === null || ['string', 'number'].includes(typeof x))
  ) {
    throw fail('its position is malformed');
  }
  return k as CursorKey;
}
