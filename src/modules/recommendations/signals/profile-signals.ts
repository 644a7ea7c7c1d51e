// Signals of one user's profile (the repositories they contribute to), each written into a caller's array over
// the whole catalog (reset by the caller), scaled to [0, 1] for that user. Sparse: each touches only the
// repositories reachable from the profile.
//   collaborative  item-kNN over co-contribution: sim(i, j) = co(i, j) / (sqrt(n_i · n_j) + shrinkage), where a
//                  shared contributor counts 1 / ln(e + their repository count): one who contributes everywhere
//                  links repositories less than one who contributes to three (inverse user frequency)
//   owner          share of the profile owned by the repository's owner
//   topics         topics shared with the profile, weighted by how often the profile has them
//   techStack      share of the profile written in the repository's language
import type { InteractionData } from './interaction-data.js';

/** Damps similarities resting on one or two shared contributors. */
export const KNN_SHRINKAGE = 2;

export interface ProfileSignals {
  collaborative: Float32Array;
  owner: Float32Array;
  topics: Float32Array;
  techStack: Float32Array;
  /**
   * Every repository some signal of the last profile wrote to (each once): what `resetProfileSignals` zeroes and
   * what the pipeline draws its candidates from, so neither walks the whole catalog per user.
   */
  touched: number[];
  /** The techStack value of a repository by its language (the share of the profile in it, scaled to [0, 1]). */
  languageShare: Map<string, number>;
  /** Scratch, all zero between calls: co-contribution sums of one profile repository, and a touched mark. */
  co: Float64Array;
  coTouched: number[];
  mark: Uint8Array;
}

/**
 * `dense`: techStack written for every repository in the profile's languages (rankings over the whole catalog).
 * `sparse`: only `languageShare` (the pipeline scores a few hundred candidates: writing and walking every
 * repository of a popular language, thousands per user, was most of its time).
 */
export type TechStackMode = 'dense' | 'sparse';

export const profileArrays = (signals: ProfileSignals): Float32Array[] => [
  signals.collaborative,
  signals.owner,
  signals.topics,
  signals.techStack,
];

export function allocateProfileSignals(size: number): ProfileSignals {
  return {
    collaborative: new Float32Array(size),
    owner: new Float32Array(size),
    topics: new Float32Array(size),
    techStack: new Float32Array(size),
    touched: [],
    languageShare: new Map(),
    co: new Float64Array(size),
    coTouched: [],
    mark: new Uint8Array(size),
  };
}

/** Zeroes what the last profile wrote, ready for the next. */
export function resetProfileSignals(out: ProfileSignals): void {
  for (const scores of profileArrays(out)) for (const j of out.touched) scores[j] = 0;
  for (const j of out.touched) out.mark[j] = 0;
  out.touched.length = 0;
  out.languageShare.clear();
}

/** Writes the user's signals into `out` (every array must be zero on entry: fresh, or reset). */
export function profileSignals(
  data: InteractionData,
  profile: readonly number[],
  user: number | null,
  out: ProfileSignals,
  techStack: TechStackMode = 'dense',
): void {
  // Typed scratch arrays instead of a Set and a Map per profile repository: this runs for ~98k users per run.
  const { co, coTouched, mark } = out;
  const touched = out.touched;
  const touch = (j: number) => {
    if (mark[j] === 0) {
      mark[j] = 1;
      touched.push(j);
    }
  };
  // Collaborative: through each co-contributor of each profile repository.
  for (const i of profile) {
    for (const contributor of data.repoUsers[i]!) {
      if (contributor === user) continue;
      const repos = data.userRepos[contributor]!;
      const weight = 1 / Math.log(Math.E + repos.length);
      for (const j of repos) {
        if (j === i) continue;
        if (co[j] === 0) coTouched.push(j);
        co[j]! += weight;
      }
    }
    const ni = data.repoUsers[i]!.length;
    for (const j of coTouched) {
      const nj = data.repoUsers[j]!.length;
      out.collaborative[j]! += co[j]! / (Math.sqrt(ni * nj) + KNN_SHRINKAGE);
      co[j] = 0;
      touch(j);
    }
    coTouched.length = 0;
  }
  // Owner, topics, languages of the profile, through inverted indexes: only repositories sharing one are touched.
  const index = invertedIndexes(data);
  const owners = new Map<string, number>();
  const topics = new Map<string, number>();
  const languages = new Map<string, number>();
  for (const i of profile) {
    const repo = data.repos[i]!;
    owners.set(repo.owner, (owners.get(repo.owner) ?? 0) + 1);
    for (const topic of repo.topics) topics.set(topic, (topics.get(topic) ?? 0) + 1);
    if (repo.language) languages.set(repo.language, (languages.get(repo.language) ?? 0) + 1);
  }
  for (const [owner, count] of owners) {
    for (const j of index.byOwner.get(owner) ?? []) {
      out.owner[j] = count / profile.length;
      touch(j);
    }
  }
  // Scaled as the dense array is (by its largest value outside the profile): by the most used language that has a
  // repository the profile does not hold.
  let mostInOneLanguage = 0;
  for (const [language, count] of languages)
    if ((index.byLanguage.get(language)?.length ?? 0) > count) mostInOneLanguage = Math.max(mostInOneLanguage, count);
  for (const [language, count] of languages) {
    if (mostInOneLanguage > 0) out.languageShare.set(language, count / mostInOneLanguage);
    if (techStack === 'sparse') continue;
    for (const j of index.byLanguage.get(language) ?? []) {
      out.techStack[j] = count / profile.length;
      touch(j);
    }
  }
  for (const [topic, count] of topics) {
    for (const j of index.byTopic.get(topic) ?? []) {
      out.topics[j]! += count / Math.sqrt(data.repos[j]!.topics.length);
      touch(j);
    }
  }
  // The profile's own repositories are never recommended back to it: out of `touched`, their marks cleared here
  // (reset clears those of `touched`).
  for (const j of profile) mark[j] = 2;
  let kept = 0;
  for (const j of touched) if (mark[j] === 1) touched[kept++] = j;
  touched.length = kept;
  for (const j of profile) mark[j] = 0;
  for (const scores of profileArrays(out)) {
    for (const j of profile) scores[j] = 0;
    let max = 0;
    for (const j of touched) if (scores[j]! > max) max = scores[j]!;
    if (max > 0) for (const j of touched) scores[j]! /= max;
  }
}

/** Repositories by language, for whoever needs them besides the signals (candidates in the user's languages). */
export const repositoriesByLanguage = (data: InteractionData): ReadonlyMap<string, readonly number[]> =>
  invertedIndexes(data).byLanguage;

interface InvertedIndexes {
  byOwner: Map<string, number[]>;
  byTopic: Map<string, number[]>;
  byLanguage: Map<string, number[]>;
}

const indexes = new WeakMap<InteractionData, InvertedIndexes>();

/** Repositories by owner, by topic and by language; built once per data set. */
function invertedIndexes(data: InteractionData): InvertedIndexes {
  let built = indexes.get(data);
  if (built) return built;
  built = { byOwner: new Map(), byTopic: new Map(), byLanguage: new Map() };
  const push = (map: Map<string, number[]>, key: string, j: number) => {
    const list = map.get(key);
    if (list) list.push(j);
    else map.set(key, [j]);
  };
  data.repos.forEach((repo, j) => {
    push(built.byOwner, repo.owner, j);
    if (repo.language) push(built.byLanguage, repo.language, j);
    for (const topic of repo.topics) push(built.byTopic, topic, j);
  });
  indexes.set(data, built);
  return built;
}
