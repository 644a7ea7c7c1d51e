// Prediction log list requests (Model.predictions): filter (version, time window), the one ordering (newest first)
// and the page, checked once and turned into the SQL parts the shared keyset statements (lib/keyset) run, one
// LATERAL page per model.
import { Prisma } from '../../generated/prisma/client.js';
import { badInput } from '../../errors.js';
import {
  listQuery,
  sortColumn,
  type ListQuery,
  type ListSource,
  type Ordering,
  type PageArgs,
} from '../../lib/keyset/index.js';
import { selectColumnsSql } from '../../lib/sql/select-columns.js';

/** Newest first, ties broken by id: named and keyed as the cursors of earlier releases ([ISO time, id]). */
export const PREDICTION_ORDERING: Ordering = {
  name: 'prediction_desc',
  columns: [
    sortColumn(Prisma.sql`pr.created_at`, 'timestamp', 'DESC'),
    sortColumn(Prisma.sql`pr.id`, 'bigint', 'DESC'),
  ],
};

const PREDICTION_FIELDS = {
  id: true,
  modelVersionId: true,
  keyResultId: true,
  routingKey: true,
  input: true,
  output: true,
  latencyMs: true,
  createdAt: true,
} as const;

export interface PredictionListRequest extends PageArgs {
  /** Only predictions served by this version (its id: the caller resolved the model's version number). */
  versionId?: number | null;
  since?: Date | null;
  until?: Date | null;
}

export function predictionListQuery(request: PredictionListRequest): ListQuery {
  const { versionId, since, until, ...page } = request;
  if (since && until && since > until) throw badInput('"since" must not be after "until"', { argument: 'since' });
  const where: Prisma.Sql[] = [];
  if (versionId != null) where.push(Prisma.sql`pr.model_version_id = ${versionId}::int`);
  if (since) where.push(Prisma.sql`pr.created_at >= ${since}::timestamp(3)`);
  if (until) where.push(Prisma.sql`pr.created_at < ${until}::timestamp(3)`);
  return listQuery(where, PREDICTION_ORDERING, page, { versionId, since, until });
}

/** Predictions of each parent model `p.key`, through its versions' (model_version_id, created_at) index. */
export const predictionSource = (query: ListQuery): ListSource => ({
  select: selectColumnsSql(PREDICTION_FIELDS, 'pr'),
  from: Prisma.sql`predictions pr`,
  where: [
    Prisma.sql`pr.model_version_id IN (SELECT v.id FROM model_versions v WHERE v.model_id = p.key)`,
    ...query.where,
  ],
});
