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
import { learnWeights, listNdcg } from '../../../src/modules/recommendations/quality/weight-learner.js';
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

  it('item-kNN: co-contributors weighted by inverse user frequency, with shrinkage, scaled so the best is 1', () => {
    // a/x has 3 contributors; b/y shares bob (2 repositories) and cy (3), n = 2; c/z shares cy, n = 2.
    const iuf = (repos: number) => 1 / Math.log(Math.E + repos);
    const y = (iuf(2) + iuf(3)) / (Math.sqrt(3 * 2) + KNN_SHRINKAGE);
    const z = iuf(3) / (Math.sqrt(3 * 2) + KNN_SHRINKAGE);
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
  it('moves the weight onto the signal that ranks held-out repositories first', () => {
    // Each user: the held-out repository (candidate 0) is best on collaborative, another candidate best on popularity.
    const lists = Array.from({ length: 50 }, () => {
      const row = (collaborative: number, popularity: number) =>
        SIGNALS.map((s) => (s === 'collaborative' ? collaborative : s === 'popularity' ? popularity : 0));
      return { features: Float32Array.from([...row(0.9, 0.2), ...row(0.3, 1), ...row(0.1, 0.5)]), positive: 0 };
    });
    const uniform = Float64Array.from(SIGNALS.map(() => 1 / SIGNALS.length));
    expect(listNdcg(lists, uniform)).toBeLessThan(1); // popularity's pull puts it second
    const weights = learnWeights(lists);
    expect(listNdcg(lists, Float64Array.from(SIGNALS.map((s) => weights[s])))).toBe(1);
    expect(weights.collaborative).toBeGreaterThan(weights.popularity);
    expect(Object.values(weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });
});
