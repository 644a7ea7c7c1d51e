// The trained encoder the offline evaluation compares, trained for it and only from what it may know: the
// contributions without the hold-outs of the evaluated users (both the evaluation and the validation one, drawn
// exactly as the evaluation draws them), and no description of a topic the topic retrieval searches with. The
// same seed and data give the same encoder.
import type { Tfjs } from '../../../infra/ml/index.js';
import { repositoryDocument } from '../embeddings/repository-document.js';
import { trainWordBagEncoder } from '../encoder/contrastive-training.js';
import { buildPairPools } from '../encoder/positive-pairs.js';
import { encoderText, WordBagEncoder } from '../encoder/word-bag-encoder.js';
import type { InteractionData } from '../signals/interaction-data.js';
import { drawSplits, type SplitOptions } from './ranker-learning.js';
import { evaluatedTopics, type TopicText } from './topic-retrieval.js';

export const EVALUATED_TOPICS = 200;

/** `data` without each evaluated user's two hold-outs. */
export function withoutHoldOuts(data: InteractionData, splits: SplitOptions): InteractionData {
  const removed = new Map(drawSplits(data, splits).map((split) => [split.user, [split.evaluation, split.validation]]));
  const userRepos = data.userRepos.map((repos, user) => {
    const out = removed.get(user);
    return out ? repos.filter((repo) => !out.includes(repo)) : repos;
  });
  const repoUsers: number[][] = data.repos.map(() => []);
  userRepos.forEach((repos, user) => repos.forEach((repo) => repoUsers[repo]!.push(user)));
  return { repos: data.repos, users: data.users, userRepos, repoUsers };
}

export async function trainEvaluationEncoder(
  data: InteractionData,
  topicTexts: readonly TopicText[],
  options: SplitOptions & { tf: Tfjs; steps?: number; batchSize?: number; log?: (line: string) => void },
): Promise<WordBagEncoder> {
  const training = withoutHoldOuts(data, options);
  const heldOutTopics = new Set(evaluatedTopics(data, topicTexts, EVALUATED_TOPICS).map(([name]) => name));
  const pools = buildPairPools(training, (j) => encoderText(repositoryDocument(data.repos[j]!)), topicTexts, {
    seed: options.seed,
    heldOutTopics,
  });
  const trained = await trainWordBagEncoder(pools, {
    tf: options.tf,
    seed: options.seed,
    ...(options.steps !== undefined ? { steps: options.steps } : {}),
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    onProgress: (step, steps, loss) => {
      if (step % 100 === 0) options.log?.(`encoder step ${step}/${steps}, loss ${loss.toFixed(3)}`);
    },
  });
  return new WordBagEncoder(`text-encoder, trained (seed ${options.seed})`, trained.vocabulary, trained.kernel);
}
