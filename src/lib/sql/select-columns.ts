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
  /**
   * Timestamp fields (columns without time zone, UTC by the schema's convention): read as timestamptz, so every
   * driver makes the same Date of them whatever the process's time zone (Prisma does that for its own reads).
   */
  dates?: readonly string[];
}

/** `alias.column AS "field"` for every field of `select`. */
export function selectColumnsSql(
  select: Readonly<Record<string, true>>,
  alias: string,
  options: SelectColumnsOptions = {},
): Prisma.Sql {
  return columnsSql(Object.keys(select), alias, options);
}

/** `alias.column AS "field"` for each of `fields`. */
function columnsSql(
  fields: readonly string[],
  alias: string,
  { lists = [], prefix = '', dates = [] }: SelectColumnsOptions = {},
): Prisma.Sql {
  return Prisma.raw(
    fields
      .map((field) => {
        const column = `${alias}."${snakeCase(field)}"`;
        const value = lists.includes(field)
          ? `coalesce(${column}, '{}')`
          : dates.includes(field)
            ? `(${column} AT TIME ZONE 'UTC')`
            : column;
        return `${value} AS "${prefix}${field}"`;
      })
      .join(', '),
  );
}

/**
 * Which fields of a record a read fetches: `fields` (a narrow read: what the request's selection needs, with
 * `always` added) or, for null, every field of `select`. `key` names the set (for loader keys).
 */
export interface FieldSet<F extends string = string> {
  readonly fields: readonly F[];
  /** Every field of the record: rows may be shared with readers that expect whole records (loader priming). */
  readonly whole: boolean;
  readonly key: string;
}

function fieldSet<F extends string>(
  select: Readonly<Record<F, true>>,
  fields: readonly F[] | null,
  always: readonly F[] = [],
): FieldSet<F> {
  const all = Object.keys(select) as F[];
  if (fields === null) return { fields: all, whole: true, key: '*' };
  const wanted = new Set<F>([...always, ...fields]);
  const chosen = all.filter((field) => wanted.has(field)); // the record's own order: one key per set
  return chosen.length === all.length
    ? { fields: all, whole: true, key: '*' }
    : { fields: chosen, whole: false, key: chosen.join(',') };
}

/**
 * Reads `names` (output names `prefix` + name) from statement rows into records: one pass, the same property order
 * for every row (one V8 shape), no bookkeeping or joined columns carried along.
 */
function fieldReader(
  names: readonly string[],
  prefix = '',
  convert: Readonly<Record<string, (value: unknown) => unknown>> = {},
): (row: Record<string, unknown>) => Record<string, unknown> {
  const columns = names.map((name) => prefix + name);
  const converters = names.map((name) => convert[name]);
  return (row) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      const value = row[columns[i]!];
      const converter = converters[i];
      record[names[i]!] = converter && value !== null && value !== undefined ? converter(value) : value;
    }
    return record;
  };
}

/** int8 as a bigint whichever driver read it (node-postgres: text, PGlite: a number when it fits). */
export const toBigInt = (value: unknown): unknown =>
  typeof value === 'string' || typeof value === 'number' ? BigInt(value) : value;

/** How one record type is read by raw statements: which fields are arrays or timestamps, what the driver converts. */
export interface RecordColumnsOptions {
  readonly lists?: readonly string[];
  readonly dates?: readonly string[];
  /** Values a SQL driver hands over differently from Prisma (int8 → bigint). */
  readonly convert?: Readonly<Record<string, (value: unknown) => unknown>>;
  /** Fields every narrow read includes (the id, which relations hang off). */
  readonly always?: readonly string[];
}

/**
 * The column helpers of a record type, whole or narrowed to a field set: its SELECT list (own or joined next to
 * another row under a prefix) and the reader of its records, from one description. `R` is the record type.
 */
export function recordColumns<F extends string, R>(select: Readonly<Record<F, true>>, options: RecordColumnsOptions) {
  const { lists = [], dates = [], convert = {}, always = [] } = options;
  return {
    /** Every field: `alias.column AS "prefix+field"`. */
    all: (alias: string, prefix = ''): Prisma.Sql => selectColumnsSql(select, alias, { lists, dates, prefix }),
    /** Which fields a read fetches: `fields` (with `always`) or, for null, all of them. */
    fields: (fields: readonly F[] | null): FieldSet<F> => fieldSet(select, fields, always as readonly F[]),
    /** `set`'s columns and a reader of its records, for the record joined next to another row under `prefix`. */
    joined: (set: FieldSet<F>, alias: string, prefix: string) => ({
      columns: columnsSql(set.fields, alias, { lists, dates, prefix }),
      read: fieldReader(set.fields, prefix, convert) as (row: Record<string, unknown>) => R,
    }),
    /** A row of `all` (no prefix) as a record. */
    read: fieldReader(Object.keys(select), '', convert) as (row: Record<string, unknown>) => R,
  };
}
