// Values as the batch statements receive them. Both drivers (pg and PGlite) pass flat arrays of text, numbers and
// booleans reliably; everything else is encoded here as text and cast in SQL, so the two behave identically.

export type SqlScalar = string | number | boolean | null;

/**
 * `timestamp(3)` text in UTC. Dates are never handed to a driver as Date objects: pg would send local time with
 * an offset, which a `timestamp without time zone` column silently drops.
 */
export function sqlTimestamp(date: Date | null): string | null {
  return date === null ? null : date.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * A PostgreSQL array literal for a list of text, cast with `::text[]` in SQL. A list of lists cannot travel as a
 * parameter of `unnest` (it would flatten), so each row's list travels as one literal.
 */
export function textArrayLiteral(values: readonly string[] | null): string | null {
  if (values === null) return null;
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
