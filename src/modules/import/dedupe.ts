// ON CONFLICT DO UPDATE cannot touch the same row twice in one statement ("command cannot affect row a second
// time"), so lines with the same key in one batch are collapsed first: the last line wins, as it would have if
// the lines had been written one after the other.
import type { NumberedRecord } from './record-kind.js';

export function lastWins<R>(rows: readonly NumberedRecord<R>[], key: (record: R) => string) {
  const byKey = new Map<string, NumberedRecord<R>>();
  for (const row of rows) {
    const k = key(row.record);
    byKey.delete(k); // re-inserting moves the key to the end: rows stay in the order of their winning lines
    byKey.set(k, row);
  }
  return { rows: [...byKey.values()], superseded: rows.length - byKey.size };
}
