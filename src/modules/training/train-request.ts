// What a TRAIN run is asked to do, as stored in its params: the model, the hyper-parameters (defaults filled in),
// whether to promote, and who asked. `parseTrainRequest` accepts what the mutation, the CLI or a stored run gives.
import { badInput } from '../../errors.js';
import { parseTrainingParams, type TrainingParams } from './training-params.js';

export interface TrainRequest {
  model: string;
  params: TrainingParams;
  /** Move `champion` to the new version when it beats the champion's primary metric. */
  promote: boolean;
  /** Who asked, as recorded (the token's subject or the system task): the version's createdBy. */
  actor: string | null;
}

const MAX_ACTOR = 200;

export function parseTrainRequest(input: unknown): TrainRequest {
  const raw = (input ?? {}) as Record<string, unknown>;
  if (typeof raw.model !== 'string' || raw.model.trim() === '')
    throw badInput('name the model to train', { argument: 'name' });
  if (raw.promote !== undefined && raw.promote !== null && typeof raw.promote !== 'boolean')
    throw badInput('promote must be true or false', { argument: 'promote' });
  const actor = typeof raw.actor === 'string' && raw.actor.trim() !== '' ? raw.actor.trim() : null;
  if (actor !== null && actor.length > MAX_ACTOR)
    throw badInput(`actor: at most ${MAX_ACTOR} characters`, { argument: 'actor' });
  return {
    model: raw.model.trim(),
    params: parseTrainingParams(raw.params),
    promote: raw.promote === true,
    actor,
  };
}
