// Topic retrieval, a test of an encoder on its own: for each of the most used topics, the topic's description text
// (GitHub's display name, short description and description) is embedded and the 20 nearest repositories are
// retrieved from the whole catalog; precision@20 is the share of them tagged with that topic. Exact nearest
// neighbours (one matrix product per chunk of topics), so the number measures the encoder, not an index.
import type { Tfjs } from '../../../infra/ml/index.js';
import { repositoryDocument } from '../embeddings/repository-document.js';
import { EMBEDDING_DIMENSIONS, type TextEmbedder } from '../embeddings/text-embedder.js';
import type { InteractionData } from '../signals/interaction-data.js';

export interface TopicText {
  name: string;
  text: string;
}

export interface TopicRetrievalReport {
  encoder: string;
  topics: number;
  k: number;
  precision: number;
  /** Mean share of the catalog each topic tags: what a random pick of 20 would reach. */
  chance: number;
}

const TOPICS_PER_PRODUCT = 50;

/**
 * The `count` most used topics that have a text to search with (ties by name: reproducible), each with the
 * repositories tagged with it. An encoder trained for this evaluation must not learn from these topics' texts.
 */
export function evaluatedTopics(
  data: InteractionData,
  topicTexts: readonly TopicText[],
  count: number,
): Array<[string, Set<number>]> {
  const tagged = new Map<string, Set<number>>();
  data.repos.forEach((repo, i) => {
    for (const topic of repo.topics) {
      const key = topic.toLowerCase();
      if (!tagged.has(key)) tagged.set(key, new Set());
      tagged.get(key)!.add(i);
    }
  });
  const withText = new Set(topicTexts.filter((topic) => topic.text.trim() !== '').map((t) => t.name.toLowerCase()));
  return [...tagged.entries()]
    .filter(([name]) => withText.has(name))
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
    .slice(0, count);
}

export async function topicRetrieval(
  data: InteractionData,
  topicTexts: readonly TopicText[],
  options: { tf: Tfjs; embedder: TextEmbedder; topics?: number; k?: number },
): Promise<TopicRetrievalReport> {
  const { tf, embedder } = options;
  const k = options.k ?? 20;
  const chosen = evaluatedTopics(data, topicTexts, options.topics ?? 200);
  const texts = new Map(topicTexts.map((topic) => [topic.name.toLowerCase(), topic.text]));
  if (chosen.length === 0) return { encoder: embedder.version, topics: 0, k, precision: 0, chance: 0 };

  const repoVectors = await embedder.embed(data.repos.map((repo) => repositoryDocument(repo)));
  const flat = new Float32Array(data.repos.length * EMBEDDING_DIMENSIONS);
  repoVectors.forEach((vector, i) => vector && flat.set(vector, i * EMBEDDING_DIMENSIONS));
  // As columns: the WebAssembly matMul is an order of magnitude slower with transposeB (semantic-scores.ts).
  const items = tf.tidy(() => tf.tensor2d(flat, [data.repos.length, EMBEDDING_DIMENSIONS]).transpose());
  let hits = 0;
  try {
    for (let start = 0; start < chosen.length; start += TOPICS_PER_PRODUCT) {
      const chunk = chosen.slice(start, start + TOPICS_PER_PRODUCT);
      const queries = await embedder.embed(chunk.map(([name]) => ({ text: texts.get(name)! })));
      const queryFlat = new Float32Array(chunk.length * EMBEDDING_DIMENSIONS);
      queries.forEach((vector, i) => vector && queryFlat.set(vector, i * EMBEDDING_DIMENSIONS));
      const indices = tf.tidy(() => {
        const scores = tf.matMul(tf.tensor2d(queryFlat, [chunk.length, EMBEDDING_DIMENSIONS]), items);
        return tf.topk(scores, k).indices;
      });
      const rows = (await indices.array()) as number[][];
      indices.dispose();
      chunk.forEach(([, members], i) => (hits += rows[i]!.filter((repo) => members.has(repo)).length));
    }
  } finally {
    items.dispose();
  }
  const chance = chosen.reduce((sum, [, members]) => sum + members.size / data.repos.length, 0) / chosen.length;
  return { encoder: embedder.version, topics: chosen.length, k, precision: hits / (chosen.length * k), chance };
}
