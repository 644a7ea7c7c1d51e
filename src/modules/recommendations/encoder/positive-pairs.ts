// What the contrastive encoder learns from: pairs of texts that belong together, drawn from the catalog itself.
// Four kinds, each its own pool so that none drowns the others (a popular topic tags thousands of repositories, a
// user lists ten): repositories sharing a contributor, repositories of one owner, repositories sharing a topic,
// and GitHub's description of a topic with a repository tagged with it. The contributions given are the training
// ones only; topics in `heldOutTopics` lend no description (the topic-retrieval evaluation searches with exactly
// those texts).
import { permutation, seededRandom } from '../../../lib/seeded-random.js';
import type { InteractionData } from '../signals/interaction-data.js';

export interface TopicDescription {
  name: string;
  text: string;
}

export interface PairPools {
  /** Texts: the repositories first (index = repository index), then the topic descriptions used. */
  texts: string[];
  /** Each pool: pairs of text indices, flat ([a0, b0, a1, b1, …]). */
  pools: Record<PairKind, Uint32Array>;
}

export type PairKind = 'contributor' | 'owner' | 'topic' | 'description';

export interface PairOptions {
  seed: number;
  heldOutTopics?: ReadonlySet<string>;
  /** Pairs drawn per user, owner, topic: bounds what one large group contributes. */
  perGroup?: number;
}

/** Up to `max` random pairs of distinct members of `group`, or every pair when there are fewer. */
function groupPairs(group: readonly number[], max: number, random: () => number, out: number[]): void {
  if (group.length < 2) return;
  const all = (group.length * (group.length - 1)) / 2;
  if (all <= max) {
    for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) out.push(group[i]!, group[j]!);
    return;
  }
  for (let k = 0; k < max; k++) {
    const i = Math.floor(random() * group.length);
    let j = Math.floor(random() * (group.length - 1));
    if (j >= i) j += 1;
    out.push(group[i]!, group[j]!);
  }
}

export function buildPairPools(
  data: InteractionData,
  documentText: (repo: number) => string,
  topics: readonly TopicDescription[],
  options: PairOptions,
): PairPools {
  const random = seededRandom(options.seed);
  const perGroup = options.perGroup ?? 30;
  const texts = data.repos.map((_, j) => documentText(j));
  const contributor: number[] = [];
  for (const repos of data.userRepos) groupPairs(repos, perGroup, random, contributor);

  const byOwner = new Map<string, number[]>();
  const byTopic = new Map<string, number[]>();
  data.repos.forEach((repo, j) => {
    const owner = repo.owner.toLowerCase();
    if (!byOwner.has(owner)) byOwner.set(owner, []);
    byOwner.get(owner)!.push(j);
    for (const topic of repo.topics) {
      const key = topic.toLowerCase();
      if (!byTopic.has(key)) byTopic.set(key, []);
      byTopic.get(key)!.push(j);
    }
  });
  const owner: number[] = [];
  for (const repos of byOwner.values()) groupPairs(repos, perGroup, random, owner);
  const topic: number[] = [];
  for (const repos of byTopic.values()) groupPairs(repos, perGroup, random, topic);

  const description: number[] = [];
  for (const { name, text } of topics) {
    const key = name.toLowerCase();
    const tagged = byTopic.get(key);
    if (!tagged || text.trim() === '' || options.heldOutTopics?.has(key)) continue;
    const at = texts.push(text) - 1;
    // A random sample of the tagged repositories, not the first ones (which the data's order would bias).
    const order = permutation(tagged.length, random);
    for (let k = 0; k < Math.min(perGroup, tagged.length); k++) description.push(at, tagged[order[k]!]!);
  }
  return {
    texts,
    pools: {
      contributor: Uint32Array.from(contributor),
      owner: Uint32Array.from(owner),
      topic: Uint32Array.from(topic),
      description: Uint32Array.from(description),
    },
  };
}
