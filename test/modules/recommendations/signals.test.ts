// The recommender's signals and metrics on hand-made data, where every number can be worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  buildInteractionData,
  type RepositoryFacts,
} from '../../../src/modules/recommendations/signals/interaction-data.js';
import {
  allocateProfileSignals,
  KNN_SHRINKAGE,
  profileSignals,
} from '../../../src/modules/recommendations/signals/profile-signals.js';
import { ndcgAt, rankOf, recallAt, topK } from '../../../src/modules/recommendations/quality/ranking-metrics.js';
import { learnWeights } from '../../../src/modules/recommendations/quality/weight-learner.js';
import { SIGNALS } from '../../../src/modules/recommendations/signals/signal-set.js';

const repo = (fullName: string, extra: Partial<RepositoryFacts> = {}): RepositoryFacts => ({
  fullName,
  owner: fullName.split('/')[0]!,
  name: fullName.split('/')[1]!,
  description: null,
  language: null,
  topics: [],
  stars: 0,
  pushedAt: null,
  ...extra,
});

// ana contributes to a/x; bob to a/x and b/y; cy to a/x, b/y and c/z; dee to c/z only.
const data = buildInteractionData(
  [
    repo('a/x', { topics: ['kafka', 'streams'], language: 'Java' }),
    repo('b/y', { topics: ['kafka'], language: 'Java' }),
    repo('c/z', { language: 'Go' }),
    repo('a/w', { topics: ['streams', 'flink', 'beam', 'spark'] }),
  ],
  [
    { user: 'ana', repo: 'a/x' },
    { user: 'bob', repo: 'a/x' },
    { user: 'bob', repo: 'b/y' },
    { user: 'cy', repo: 'a/x' },
    { user: 'cy', repo: 'b/y' },
    { user: 'cy', repo: 'c/z' },
    { user: 'dee', repo: 'c/z' },
  ],
);

describe('profile signals', () => {
  const out = allocateProfileSignals(4);
  profileSignals(data, [0], 0, out); // ana's profile: a/x

  it('item-kNN: co-contributors with shrinkage, scaled so the best is 1', () => {
    // a/x has 3 contributors; b/y shares 2 of them (n = 2), c/z shares 1 (n = 2).
    const y = 2 / (Math.sqrt(3 * 2) + KNN_SHRINKAGE);
    const z = 1 / (Math.sqrt(3 * 2) + KNN_SHRINKAGE);
    expect(out.collaborative[1]).toBeCloseTo(1);
    expect(out.collaborative[2]).toBeCloseTo(z / y);
    expect(out.collaborative[0]).toBe(0); // the profile itself
  });

  it('owner, topics (shared, damped by how many the repository has) and tech stack', () => {
    expect(Array.from(out.owner)).toEqual([0, 0, 0, 1]);
    expect(out.topics[1]).toBeCloseTo(1 / 1 / (1 / 1)); // kafka, 1 topic: the best
    expect(out.topics[3]).toBeCloseTo(1 / Math.sqrt(4) / 1); // streams among 4
    expect(Array.from(out.techStack)).toEqual([0, 1, 0, 0]);
  });
});

describe('ranking metrics', () => {
  const scores = Float32Array.from([0.9, 0.5, 0.5, 0.1, 0.7]);
  it('ranks among the repositories outside the profile, ties counting half', () => {
    expect(rankOf(4, scores, new Set())).toBe(2);
    expect(rankOf(4, scores, new Set([0]))).toBe(1);
    expect(rankOf(1, scores, new Set())).toBe(3); // 2 above, 1 tie → +0
    expect(rankOf(3, Float32Array.from([0, 0, 0, 0, 0]), new Set())).toBe(3); // 4 ties → +2
    expect([recallAt(10, 10), recallAt(11, 10)]).toEqual([1, 0]);
    expect(ndcgAt(1, 10)).toBe(1);
    expect(ndcgAt(3, 10)).toBeCloseTo(0.5);
  });
  it('takes the top k outside the profile, best first', () => {
    expect(topK(scores, new Set([0]), 3)).toEqual([4, 1, 2]);
  });
});

describe('weight learning', () => {
  it('puts the weight on the signal that separates held-out repositories from the rest', () => {
    const pairs = Array.from({ length: 200 }, (_, i) => {
      const noise = () => ((i * 7919) % 13) / 13;
      const positive = SIGNALS.map((s) => (s === 'collaborative' ? 0.9 : noise()));
      const negative = SIGNALS.map((s) => (s === 'collaborative' ? 0.1 : noise()));
      return { positive, negative };
    });
    const weights = learnWeights(pairs);
    expect(weights.collaborative).toBeGreaterThan(0.8);
    for (const signal of SIGNALS) if (signal !== 'collaborative') expect(weights[signal]).toBeLessThan(0.05);
    expect(Object.values(weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });
});
