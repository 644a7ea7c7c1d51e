// Guards the hand-written SQL migrations against drift from prisma/schema.prisma (the schema engine that would
// generate them cannot run here): after migrating, the database must hold exactly what the Prisma schema
// describes (tables, columns with their types, nullability and defaults, enums, keys, unique constraints,
// indexes and foreign keys), and nothing the schema does not know about.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../../src/infra/db/index.js';
import { backendName, openTestDatabase, type TestDatabase } from '../../support/backends.js';

const SCHEMA_PATH = new URL('../../../prisma/schema.prisma', import.meta.url);

// ───────────────────────────── a small reader of schema.prisma ─────────────────────────────

interface PrismaField {
  name: string;
  /** The Prisma type (`Int`, `UserType`, `Repository`) or the raw SQL type of `Unsupported("...")`. */
  type: string;
  unsupported: boolean;
  list: boolean;
  optional: boolean;
  column: string;
  nativeType: string | undefined; // `@db.Uuid` → "Uuid"
  id: boolean;
  unique: boolean;
  hasDefault: boolean;
  relation:
    { fields: string[]; references: string[]; onDelete: string | undefined; onUpdate: string | undefined } | undefined;
}

interface PrismaModel {
  name: string;
  table: string;
  fields: PrismaField[];
  id: string[] | undefined; // @@id
  uniques: string[][]; // @@unique
  indexes: Array<Array<{ field: string; desc: boolean }>>; // @@index
}

interface PrismaEnum {
  name: string;
  dbName: string;
  values: string[];
}

/** Removes `//` comments, leaving `//` inside string literals alone. */
function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"' && line[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

/** Splits `a, b(sort: Desc, length: 3), c` on the commas outside parentheses. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

const fieldList = (text: string) => splitTopLevel(text).map((part) => part.replace(/\(.*\)$/, '').trim());
const stringArg = (attributes: string, name: string) => new RegExp(`${name}\\("([^"]+)"\\)`).exec(attributes)?.[1];

function parseSchema(source: string): { models: PrismaModel[]; enums: PrismaEnum[] } {
  const text = source.split('\n').map(stripComment).join('\n');
  const enums: PrismaEnum[] = [];
  const rawModels: Array<{ name: string; body: string[] }> = [];
  for (const block of text.matchAll(/^(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, keyword, name, body] = block as unknown as [string, string, string, string];
    const lines = body
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (keyword === 'enum') {
      enums.push({
        name,
        dbName: stringArg(lines.find((line) => line.startsWith('@@map')) ?? '', '@@map') ?? name,
        values: lines.filter((line) => !line.startsWith('@@')).map((line) => line.split(/\s+/)[0]!),
      });
    } else rawModels.push({ name, body: lines });
  }

  const modelNames = new Set(rawModels.map((model) => model.name));
  const models = rawModels.map(({ name, body }): PrismaModel => {
    const model: PrismaModel = { name, table: name, fields: [], id: undefined, uniques: [], indexes: [] };
    for (const line of body) {
      if (line.startsWith('@@')) {
        const args = /^@@(\w+)\((.*)\)$/.exec(line);
        if (!args) throw new Error(`cannot read "${line}" in model ${name}`);
        const [, attribute, inside] = args as unknown as [string, string, string];
        const fields = /^\[([^\]]*)\]/.exec(inside)?.[1] ?? '';
        if (attribute === 'map') model.table = JSON.parse(inside) as string;
        else if (attribute === 'id') model.id = fieldList(fields);
        else if (attribute === 'unique') model.uniques.push(fieldList(fields));
        else if (attribute === 'index') {
          model.indexes.push(
            splitTopLevel(fields).map((part) => ({
              field: part.replace(/\(.*\)$/, ''),
              desc: /sort:\s*Desc/.test(part),
            })),
          );
        } else throw new Error(`this test does not know @@${attribute} (model ${name}): teach it`);
        continue;
      }
      const match = /^(\w+)\s+(Unsupported\("[^"]*"\)|\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!match) throw new Error(`cannot read field "${line}" in model ${name}`);
      const [, fieldName, rawType, list, optional, attributes] = match as unknown as [
        string,
        string,
        string,
        string | undefined,
        string | undefined,
        string,
      ];
      const unsupported = rawType.startsWith('Unsupported(');
      const relationArgs = /@relation\(([^)]*)\)/.exec(attributes)?.[1] ?? '';
      const relationFields = /fields:\s*\[([^\]]*)\]/.exec(relationArgs)?.[1];
      model.fields.push({
        name: fieldName,
        type: unsupported ? (/Unsupported\("([^"]*)"\)/.exec(rawType)?.[1] ?? rawType) : rawType,
        unsupported,
        list: Boolean(list),
        optional: Boolean(optional),
        column: stringArg(attributes, '@map') ?? fieldName,
        nativeType: /@db\.(\w+)/.exec(attributes)?.[1],
        id: /(^|\s)@id\b/.test(attributes),
        unique: /(^|\s)@unique\b/.test(attributes),
        hasDefault: /(^|\s)@default\(/.test(attributes),
        relation: modelNames.has(rawType)
          ? {
              fields: relationFields ? fieldList(relationFields) : [],
              references: fieldList(/references:\s*\[([^\]]*)\]/.exec(relationArgs)?.[1] ?? ''),
              onDelete: /onDelete:\s*(\w+)/.exec(relationArgs)?.[1],
              onUpdate: /onUpdate:\s*(\w+)/.exec(relationArgs)?.[1],
            }
          : undefined,
      });
    }
    return model;
  });
  return { models, enums };
}

// ───────────────────────────── what Prisma expects in PostgreSQL ─────────────────────────────

const SCALAR_SQL_TYPES: Record<string, string> = {
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  String: 'text',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};
const NATIVE_SQL_TYPES: Record<string, string> = {
  Uuid: 'uuid',
  Text: 'text',
  Integer: 'integer',
  BigInt: 'bigint',
  SmallInt: 'smallint',
  Real: 'real',
  Date: 'date',
};
// pg_constraint.confdeltype / confupdtype codes.
const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'c',
  Restrict: 'r',
  NoAction: 'a',
  SetNull: 'n',
  SetDefault: 'd',
};

// ───────────────────────────── what the migrated database holds ─────────────────────────────

interface Column {
  table: string;
  column: string;
  type: string;
  not_null: boolean;
  has_default: boolean;
}
interface Index {
  table: string;
  name: string;
  unique: boolean;
  primary: boolean;
  plain: boolean; // only columns: no expression, no predicate
  method: string;
  columns: string[]; // "name" or "name DESC"
}
interface ForeignKey {
  table: string;
  name: string;
  target: string;
  columns: string[];
  target_columns: string[];
  on_delete: string;
  on_update: string;
}

async function readCatalog(sql: SqlDriver) {
  const tables = await sql.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  const columns = await sql.query<Column>(
    `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type",
            a.attnotnull AS not_null, a.atthasdef AS has_default
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const enums = await sql.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS "values"
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`,
  );
  const indexes = await sql.query<Index>(
    `SELECT t.relname AS "table", i.relname AS name, ix.indisunique AS "unique", ix.indisprimary AS "primary",
            (ix.indexprs IS NULL AND ix.indpred IS NULL) AS plain, am.amname AS method,
            ARRAY(SELECT a.attname::text || CASE WHEN (ix.indoption::int2[])[k.i - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                    FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, i)
                    JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
                   ORDER BY k.i) AS columns
       FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = 'public'`,
  );
  const foreignKeys = await sql.query<ForeignKey>(
    `SELECT src.relname AS "table", con.conname AS name, tgt.relname AS target,
            con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, i)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, i)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.i) AS target_columns
       FROM pg_constraint con JOIN pg_class src ON src.oid = con.conrelid JOIN pg_class tgt ON tgt.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = src.relnamespace
      WHERE con.contype = 'f' AND n.nspname = 'public'`,
  );
  return { tables: tables.map((t) => t.name), columns, enums, indexes, foreignKeys };
}

// ───────────────────────────── the checks ─────────────────────────────

const { models, enums } = parseSchema(readFileSync(SCHEMA_PATH, 'utf8'));
const modelByName = new Map(models.map((model) => [model.name, model]));
const enumByName = new Map(enums.map((e) => [e.name, e]));
const HISTORY_TABLE = '_prisma_migrations';

const columnFields = (model: PrismaModel) => model.fields.filter((field) => !field.relation);
const columnOf = (model: PrismaModel, fieldName: string) => {
  const field = model.fields.find((f) => f.name === fieldName);
  if (!field) throw new Error(`${model.name} has no field ${fieldName}`);
  return field.column;
};

function expectedSqlType(field: PrismaField): string {
  const enumType = enumByName.get(field.type);
  const base = field.unsupported
    ? field.type
    : enumType
      ? enumType.dbName
      : field.nativeType
        ? NATIVE_SQL_TYPES[field.nativeType]
        : SCALAR_SQL_TYPES[field.type];
  if (!base) throw new Error(`this test does not know the SQL type of ${field.type} @db.${field.nativeType}: teach it`);
  return field.list ? `${base}[]` : base;
}

let test: TestDatabase;
let catalog: Awaited<ReturnType<typeof readCatalog>>;

beforeAll(async () => {
  test = await openTestDatabase();
  catalog = await readCatalog(test.db.sql);
});

afterAll(async () => {
  await test?.close();
});

describe('Schema consistency: the reader of schema.prisma understands the schema', () => {
  it('finds the models, their mapped tables and columns, relations and enums', () => {
    expect(models.length).toBeGreaterThanOrEqual(15);
    const repository = modelByName.get('Repository')!;
    expect(repository.table).toBe('repositories');
    expect(repository.fields.find((f) => f.name === 'fullName')).toMatchObject({
      column: 'full_name',
      type: 'String',
      unique: true,
    });
    expect(repository.fields.find((f) => f.name === 'topics')).toMatchObject({ list: true, hasDefault: true });
    expect(repository.fields.find((f) => f.name === 'embedding')).toMatchObject({
      unsupported: true,
      type: 'vector(384)',
      optional: true,
    });
    expect(repository.fields.find((f) => f.name === 'owner')?.relation).toEqual({
      fields: ['ownerId'],
      references: ['id'],
      onDelete: undefined,
      onUpdate: undefined,
    });
    expect(repository.indexes).toContainEqual([
      { field: 'stars', desc: true },
      { field: 'id', desc: false },
    ]);
    expect(modelByName.get('ModelAlias')?.id).toEqual(['modelId', 'alias']);
    expect(modelByName.get('PipelineRun')?.fields.find((f) => f.name === 'id')).toMatchObject({
      nativeType: 'Uuid',
      id: true,
    });
    expect(enumByName.get('PipelineStatus')).toEqual({
      name: 'PipelineStatus',
      dbName: 'pipeline_status',
      values: ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'],
    });
  });
});

describe(`Schema consistency (${backendName}): every model of schema.prisma exists in the migrated database`, () => {
  it.each(models.map((model) => [model.name, model] as const))(
    '%s: its table and every column, typed as Prisma expects',
    (_name, model) => {
      expect(catalog.tables, `table "${model.table}" of model ${model.name}`).toContain(model.table);
      const columns = new Map(catalog.columns.filter((c) => c.table === model.table).map((c) => [c.column, c]));
      for (const field of columnFields(model)) {
        const column = columns.get(field.column);
        const where = `${model.name}.${field.name} → ${model.table}.${field.column}`;
        expect(column, `${where}: missing column`).toBeDefined();
        expect(column!.type, `${where}: SQL type`).toBe(expectedSqlType(field));
        // Prisma's lists are never optional; the SQL it generates leaves them nullable, so either is fine.
        if (!field.list) expect(column!.not_null, `${where}: NOT NULL`).toBe(!field.optional);
        expect(column!.has_default, `${where}: has a DEFAULT exactly when the field has @default`).toBe(
          field.hasDefault,
        );
      }
    },
  );

  it.each(models.map((model) => [model.name, model] as const))('%s: its primary key', (_name, model) => {
    const idFields = model.id ?? model.fields.filter((f) => f.id).map((f) => f.name);
    const primary = catalog.indexes.filter((index) => index.table === model.table && index.primary);
    expect(primary.map((index) => index.columns)).toEqual([idFields.map((name) => columnOf(model, name))]);
  });

  it.each(models.map((model) => [model.name, model] as const))(
    '%s: its unique constraints and indexes',
    (_name, model) => {
      const indexes = catalog.indexes.filter((index) => index.table === model.table && index.plain);
      const uniques = [...model.fields.filter((f) => f.unique).map((f) => [f.name]), ...model.uniques];
      for (const fields of uniques) {
        const columns = fields.map((name) => columnOf(model, name));
        expect(
          indexes.some(
            (index) =>
              index.unique && !index.primary && index.method === 'btree' && index.columns.join() === columns.join(),
          ),
          `${model.name}: unique (${columns.join(', ')})`,
        ).toBe(true);
      }
      for (const parts of model.indexes) {
        const columns = parts.map((part) => `${columnOf(model, part.field)}${part.desc ? ' DESC' : ''}`);
        expect(
          indexes.some((index) => index.method === 'btree' && index.columns.join() === columns.join()),
          `${model.name}: index (${columns.join(', ')})`,
        ).toBe(true);
      }
    },
  );

  it.each(models.map((model) => [model.name, model] as const))(
    '%s: a foreign key for each relation it holds',
    (_name, model) => {
      for (const field of model.fields) {
        if (!field.relation || field.relation.fields.length === 0) continue;
        const target = modelByName.get(field.type)!;
        const columns = field.relation.fields.map((name) => columnOf(model, name));
        const foreignKey = catalog.foreignKeys.find(
          (fk) => fk.table === model.table && fk.columns.join() === columns.join(),
        );
        const where = `${model.name}.${field.name} (${columns.join(', ')}) → ${target.table}`;
        expect(foreignKey, `${where}: missing foreign key`).toBeDefined();
        expect(foreignKey!.target, where).toBe(target.table);
        expect(foreignKey!.target_columns, where).toEqual(
          field.relation.references.map((name) => columnOf(target, name)),
        );
        // Prisma's defaults: Restrict for a required relation, SetNull for an optional one; updates cascade.
        const onDelete = field.relation.onDelete ?? (field.optional ? 'SetNull' : 'Restrict');
        expect(foreignKey!.on_delete, `${where}: ON DELETE ${onDelete}`).toBe(REFERENTIAL_ACTIONS[onDelete]);
        expect(foreignKey!.on_update, `${where}: ON UPDATE`).toBe(
          REFERENTIAL_ACTIONS[field.relation.onUpdate ?? 'Cascade'],
        );
      }
    },
  );

  it.each(enums.map((e) => [e.name, e] as const))(
    'enum %s: a PostgreSQL enum with the same values in the same order',
    (_name, e) => {
      expect(catalog.enums.find((dbEnum) => dbEnum.name === e.dbName)?.values).toEqual(e.values);
    },
  );
});

describe(`Schema consistency (${backendName}): the database holds nothing schema.prisma does not describe`, () => {
  it('every table except the migration history is a model', () => {
    const modelled = new Set(models.map((model) => model.table));
    expect(catalog.tables.filter((table) => table !== HISTORY_TABLE && !modelled.has(table))).toEqual([]);
    expect(catalog.tables).toContain(HISTORY_TABLE);
  });

  it('every column is a field of its model', () => {
    const unmodelled = catalog.columns
      .filter((column) => column.table !== HISTORY_TABLE)
      .filter((column) => {
        const model = models.find((m) => m.table === column.table);
        return !model || !columnFields(model).some((field) => field.column === column.column);
      })
      .map((column) => `${column.table}.${column.column}`);
    expect(unmodelled).toEqual([]);
  });

  it('every enum type is an enum of the schema', () => {
    expect(catalog.enums.map((e) => e.name).filter((name) => !enums.some((e) => e.dbName === name))).toEqual([]);
  });

  it('every foreign key is a relation of the schema', () => {
    const declared = new Set(
      models.flatMap((model) =>
        model.fields
          .filter((field) => field.relation && field.relation.fields.length > 0)
          .map((field) => `${model.table}(${field.relation!.fields.map((name) => columnOf(model, name)).join()})`),
      ),
    );
    expect(
      catalog.foreignKeys.map((fk) => `${fk.table}(${fk.columns.join()})`).filter((key) => !declared.has(key)),
    ).toEqual([]);
  });

  it('every unique index over plain columns is declared unique in the schema', () => {
    const declared = new Set(
      models.flatMap((model) =>
        [...model.fields.filter((f) => f.unique).map((f) => [f.name]), ...model.uniques].map(
          (fields) => `${model.table}(${fields.map((name) => columnOf(model, name)).join()})`,
        ),
      ),
    );
    const undeclared = catalog.indexes
      .filter((index) => index.unique && !index.primary && index.plain && index.table !== HISTORY_TABLE)
      .map((index) => `${index.table}(${index.columns.join()})`)
      .filter((key) => !declared.has(key));
    expect(undeclared).toEqual([]);
  });
});

describe(`Schema consistency (${backendName}): what SQL adds beyond schema.prisma is there`, () => {
  // Not expressible in schema.prisma, so only the SQL carries them; the services rely on each.
  it.each([
    ['repositories', 'repositories_full_name_lower_key', /UNIQUE INDEX .* \(lower\(full_name\)\)/],
    ['users', 'users_login_lower_key', /UNIQUE INDEX .* \(lower\(login\)\)/],
    ['repositories', 'repositories_topics_gin_idx', /USING gin \(topics\)/],
    ['repositories', 'repositories_embedding_hnsw_idx', /USING hnsw \(embedding vector_cosine_ops\)/],
    // Keyword search (catalog_search migration): GIN over the generated tsvector columns.
    ['repositories', 'repositories_search_vector_idx', /USING gin \(search_vector\)/],
    ['users', 'users_search_vector_idx', /USING gin \(search_vector\)/],
    ['topics', 'topics_search_vector_idx', /USING gin \(search_vector\)/],
    // Orderings over nullable columns (NULLS LAST is beyond @@index) and case-insensitive names.
    ['repositories', 'repositories_updated_at_id_idx', /\(updated_at DESC NULLS LAST, id\)/],
    ['repositories', 'repositories_pushed_at_id_idx', /\(pushed_at DESC NULLS LAST, id\)/],
    ['repositories', 'repositories_created_at_id_idx', /\(created_at DESC NULLS LAST, id\)/],
    ['repositories', 'repositories_name_lower_id_idx', /\(lower\(name\), id\)/],
    ['repositories', 'repositories_language_lower_idx', /\(lower\(language\)\)/],
    ['users', 'users_followers_id_idx', /\(followers DESC NULLS LAST, id\)/],
    ['topics', 'topics_aliases_gin_idx', /USING gin \(aliases\)/],
  ])('%s has %s', async (table, name, definition) => {
    const rows = await test.db.sql.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1 AND indexname = $2`,
      [table, name],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.indexdef).toMatch(definition);
  });
});
