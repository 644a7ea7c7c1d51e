// The registry's lists on the shared keyset mechanism (lib/keyset): models by name, a model's versions newest
// first, its alias history newest first. Ordering names are those of the cursors earlier releases handed out, so
// cursors clients hold keep working.
import { Prisma } from '../../generated/prisma/client.js';
import { sortColumn, type ListSource, type Ordering, type RawRow } from '../../lib/keyset/index.js';
import { selectColumnsSql } from '../../lib/sql/select-columns.js';

export const MODEL_ORDERING: Ordering = { name: 'name_asc', columns: [sortColumn(Prisma.sql`m.name`, 'text', 'ASC')] };

export const VERSION_ORDERING: Ordering = {
  name: 'version_desc',
  columns: [sortColumn(Prisma.sql`v.version`, 'int', 'DESC')],
};

export const ALIAS_EVENT_ORDERING: Ordering = {
  name: 'alias_event_desc',
  columns: [sortColumn(Prisma.sql`e.id`, 'int', 'DESC')],
};

const MODEL_FIELDS = {
  id: true,
  name: true,
  description: true,
  task: true,
  inputSchema: true,
  outputSchema: true,
  trafficSplit: true,
  latestVersion: true,
  createdAt: true,
  updatedAt: true,
} as const;

const ALIAS_EVENT_FIELDS = {
  id: true,
  modelId: true,
  alias: true,
  fromVersion: true,
  toVersion: true,
  actor: true,
  reason: true,
  createdAt: true,
} as const;

export const modelSource: ListSource = {
  select: selectColumnsSql(MODEL_FIELDS, 'm'),
  from: Prisma.sql`models m`,
  where: [],
};

/** Versions of each parent model `p.key` (a LATERAL page per model); `fields` is the version record's select. */
export const versionSource = (fields: Readonly<Record<string, true>>): ListSource => ({
  select: selectColumnsSql(fields, 'v'),
  from: Prisma.sql`model_versions v`,
  where: [Prisma.sql`v.model_id = p.key`],
});

/** Alias moves of each parent model `p.key`. */
export const aliasEventSource: ListSource = {
  select: selectColumnsSql(ALIAS_EVENT_FIELDS, 'e'),
  from: Prisma.sql`model_alias_events e`,
  where: [Prisma.sql`e.model_id = p.key`],
};

/** Raw rows already carry exactly the record's fields, named as Prisma names them (selectColumnsSql). */
export const asRecord = <T>(row: RawRow) => row as T;
