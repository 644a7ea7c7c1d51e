// Cursors for lists ranked in memory from an immutable stored list (a published run's recommendations): the
// position is a rank, and the cursor names the list it was taken from (run, filter and weights), so a cursor of
// another list, or of a list since republished, is refused instead of silently paging something else.
import { badInput } from '../../errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';

const ORDER = 'rank';

export function encodeRankCursor(list: string, rank: number): string {
  return encodeCursor(ORDER, [list, rank]);
}

/** The rank a cursor stands after; BAD_USER_INPUT when it is not a cursor of `list`. */
export function decodeRankCursor(cursor: string, list: string, argument = 'after'): number {
  const [made, rank] = decodeCursor(cursor, ORDER, 2, argument);
  if (typeof rank !== 'number' || !Number.isSafeInteger(rank) || rank < 0)
    throw badInput(`Invalid cursor in "${argument}": its position is malformed.`, { argument });
  if (made !== list)
    throw badInput(
      `Invalid cursor in "${argument}": it belongs to another list (other filter or weights, or recommendations ` +
        'published since). Ask again without `after`.',
      { argument },
    );
  return rank;
}
