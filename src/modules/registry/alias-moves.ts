// The steps of every registry change that touches aliases, run inside the caller's transaction. The model's row
// lock serialises all changes to one model (alias moves, traffic split, version numbers), so an alias is never
// moved by two writers at once and its audit trail lists the moves in the order they happened.
import type { Prisma } from '../../generated/prisma/client.js';
import { notFound } from '../../errors.js';
import type { ModelRecord } from './models.service.js';
import type { RegistryChange } from './registry-events.js';

export type Tx = Prisma.TransactionClient;

/** Row-locks the model until the transaction ends; NOT_FOUND when there is none by that name. */
export async function lockModel(tx: Tx, name: string, argument = 'name'): Promise<ModelRecord> {
  const locked = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM models WHERE name = ${name} FOR UPDATE`;
  const id = locked[0]?.id;
  const model = id === undefined ? null : await tx.model.findUnique({ where: { id } });
  if (!model) throw notFound(`no model named "${name}": the "models" query lists them`, { argument });
  return model;
}

export interface AliasMove {
  model: ModelRecord;
  alias: string;
  target: { id: number; version: number };
  actor?: string | null;
  reason?: string | null;
}

/**
 * Points the alias at the target and records the move; returns the ALIAS_SET change to publish once the
 * transaction commits. Pointing it where it already points changes nothing (null).
 */
export async function moveAlias(tx: Tx, move: AliasMove): Promise<RegistryChange | null> {
  const key = { modelId_alias: { modelId: move.model.id, alias: move.alias } };
  const current = await tx.modelAlias.findUnique({
    where: key,
    select: { versionId: true, version: { select: { version: true } } },
  });
  if (current?.versionId === move.target.id) return null;
  await tx.modelAlias.upsert({
    where: key,
    create: { modelId: move.model.id, alias: move.alias, versionId: move.target.id },
    update: { versionId: move.target.id },
  });
  await tx.modelAliasEvent.create({
    data: {
      modelId: move.model.id,
      alias: move.alias,
      fromVersion: current?.version.version ?? null,
      toVersion: move.target.version,
      actor: move.actor ?? null,
      reason: move.reason ?? null,
    },
  });
  return {
    kind: 'ALIAS_SET',
    model: move.model.name,
    alias: move.alias,
    version: move.target.version,
    versionId: move.target.id,
    fromVersion: current?.version.version ?? null,
    actor: move.actor ?? null,
    reason: move.reason ?? null,
  };
}
