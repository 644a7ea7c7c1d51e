// A Prisma `select` object as the SELECT list of a raw statement, so raw rows come back in exactly the shape
// Prisma's own queries return (camelCase keys, same fields) and both kinds of query share one record type.
// Columns follow the schema's naming rule (camelCase field → snake_case column, see prisma/schema.prisma).
import { Prisma } from '../../generated/prisma/client.js';

const snakeCase = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

export interface SelectColumnsOptions {
  /** Array fields: SQL lets them be NULL where Prisma promises a list, so they read as empty lists. */
  lists?: readonly string[];
  /** Prefix of the output names ("user." → "user.login"), for a joined row next to another; see `unprefix`. */
  prefix?: string;
}

/** `alias.column AS "field"` for every field of `select`. */
export function selectColumnsSql(
  select: Readonly<Record<string, true>>,
  alias: string,
  { lists = [], prefix = '' }: SelectColumnsOptions = {},
): Prisma.Sql {
  return Prisma.raw(
    Object.keys(select)
      .map((field) => {
        const column = `${alias}."${snakeCase(field)}"`;
        return `${lists.includes(field) ? `coalesce(${column}, '{}')` : column} AS "${prefix}${field}"`;
      })
      .join(', '),
  );
}

/** The fields of `row` named `prefix...`, without the prefix. */
export function unprefix(row: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return splitPrefixed(row, prefix).joined;
}

/** `row` in two: its fields named `prefix...` (without the prefix, a joined row), and the others (its own). */
export function splitPrefixed(
  row: Record<string, unknown>,
  prefix: string,
): { own: Record<string, unknown>; joined: Record<string, unknown> } {
  // A plain loop: this runs for every row of a page (see ownColumns in lib/keyset/page.ts).
  const own: Record<string, unknown> = {};
  const joined: Record<string, unknown> = {};
  for (const name in row) {
    if (name.startsWith(prefix)) joined[name.slice(prefix.length)] = row[name];
    else own[name] = row[name];
  }
  return { own, joined };
}
