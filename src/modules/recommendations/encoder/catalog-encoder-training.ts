// Training the text encoder from the catalog in the database, as the RECOMMEND run's `encoder` stage: every
// repository's text, every contribution, every topic's GitHub description; the trained encoder is registered
// and becomes the champion, so the stages after it embed with it (a new encoder re-embeds everything).
import type { SqlDriver } from '../../../infra/db/database.js';
import type { MlRuntime } from '../../../infra/ml/index.js';
import { systemActor } from '../../../access/index.js';
import type { ProgressReporter } from '../../pipeline/index.js';
import { repositoryDocument } from '../embeddings/repository-document.js';
import type { InteractionData } from '../signals/interaction-data.js';
import { trainWordBagEncoder, type EncoderTrainingOptions } from './contrastive-training.js';
import type { EncoderRegistry } from './encoder-registry.js';
import { buildPairPools, type TopicDescription } from './positive-pairs.js';
import { encoderText } from './word-bag-encoder.js';

export const ENCODER_SEED = 7;

export async function topicDescriptions(sql: SqlDriver): Promise<TopicDescription[]> {
  const rows = await sql.query<{ name: string; text: string }>(
    `SELECT name, concat_ws('. ', display_name, short_description, description) AS text
       FROM topics WHERE coalesce(short_description, description) IS NOT NULL`,
  );
  return rows;
}

export interface EncoderTrainingSummary {
  encoder: string;
  steps: number;
  firstLoss: number;
  finalLoss: number;
  vocabulary: number;
  pairs: Record<string, number>;
}

export async function trainCatalogEncoder(
  deps: { sql: SqlDriver; ml: MlRuntime; registry: EncoderRegistry },
  data: InteractionData,
  run: ProgressReporter & { runId: string; signal: AbortSignal },
  options: Partial<Pick<EncoderTrainingOptions, 'steps' | 'batchSize' | 'vocabularySize'>> = {},
): Promise<EncoderTrainingSummary> {
  const topics = await topicDescriptions(deps.sql);
  const pools = buildPairPools(data, (j) => encoderText(repositoryDocument(data.repos[j]!)), topics, {
    seed: ENCODER_SEED,
  });
  let reported = 0;
  const trained = await trainWordBagEncoder(pools, {
    tf: deps.ml.tf,
    seed: ENCODER_SEED,
    ...options,
    signal: run.signal,
    onProgress: (step, steps) => {
      if (reported === 0) run.setTotal(steps);
      run.advance(step - reported);
      reported = step;
    },
  });
  const encoder = await deps.registry.register(
    {
      trained,
      dataset: {
        repositories: data.repos.length,
        users: data.users.length,
        topicDescriptions: topics.length,
        pairs: trained.metrics.pairs,
      },
      pipelineRunId: run.runId,
    },
    systemActor('recommend'),
  );
  return {
    encoder,
    steps: trained.params.steps,
    firstLoss: trained.metrics.firstLoss,
    finalLoss: trained.metrics.finalLoss,
    vocabulary: trained.vocabulary.length,
    pairs: trained.metrics.pairs,
  };
}
