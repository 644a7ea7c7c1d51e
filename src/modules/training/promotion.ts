// Promotion after training: the new version becomes `champion` only when its primary metric beats the current
// champion's, decided and applied in one transaction under the model's row lock (so no alias move can slip in
// between the comparison and the move). The champion it replaces stays reachable as `previous-champion`, and
// both moves are recorded in the alias history with the numbers that justified them, and published as registry
// events (ALIAS_SET) once the transaction commits: the aliases service owns the transaction for that.
import { DEFAULT_ALIAS, type ModelAliasService } from '../registry/index.js';

export const PREVIOUS_CHAMPION = 'previous-champion';

export interface PromotionRequest {
  model: string;
  candidate: { id: number; version: number; score: number };
  metric: string;
  actor: string | null;
  runId: string | null;
}

export interface PromotionOutcome {
  promoted: boolean;
  /** Why it was, or was not, promoted: said in words, with the numbers compared. */
  reason: string;
  /** The champion before, if any, and its score on the same metric. */
  previous: { version: number; score: number | null } | null;
}

const round = (value: number) => Number(value.toFixed(4));

export async function promoteIfBetter(
  aliases: Pick<ModelAliasService, 'moveWithin'>,
  request: PromotionRequest,
): Promise<PromotionOutcome> {
  const { candidate, metric } = request;
  return aliases.moveWithin(
    request.model,
    async (tx, model, moveAlias) => {
      const champion = await tx.modelAlias.findUnique({
        where: { modelId_alias: { modelId: model.id, alias: DEFAULT_ALIAS } },
        select: { version: { select: { id: true, version: true, metrics: true } } },
      });
      const current = champion?.version;
      const score = (current?.metrics as Record<string, unknown> | undefined)?.[metric];
      const previous = current ? { version: current.version, score: typeof score === 'number' ? score : null } : null;
      if (current && typeof score !== 'number')
        return {
          promoted: false,
          previous,
          reason: `champion v${current.version} has no ${metric} to compare with: promote by hand (setModelAlias)`,
        };
      if (current && !(candidate.score > (score as number)))
        return {
          promoted: false,
          previous,
          reason: `${metric} ${round(candidate.score)} does not beat champion v${current.version}'s ${round(score as number)}`,
        };
      const reason = current
        ? `trained by run ${request.runId ?? '(none)'}: ${metric} ${round(candidate.score)} > ${round(score as number)} of v${current.version}`
        : `trained by run ${request.runId ?? '(none)'}: first champion (${metric} ${round(candidate.score)})`;
      if (current)
        await moveAlias({
          alias: PREVIOUS_CHAMPION,
          target: current,
          actor: request.actor,
          reason: `replaced as champion by v${candidate.version}`,
        });
      await moveAlias({ alias: DEFAULT_ALIAS, target: candidate, actor: request.actor, reason });
      return { promoted: true, previous, reason };
    },
    'model',
  );
}
