// A user's recommendation list as the RECOMMEND pipeline stores it: the best LIST_LENGTH repositories by the
// ranker's weighted sum of every signal, with the components and the facts of the collaborative reason. Scoring
// the whole catalog for each of ~98k users is out of reach of a 2-minute run, so each user's candidates are the
// repositories their profile's sparse signals reach (co-contribution, same owner, the best few by shared topics)
// plus the most popular ones in their languages; every signal, semantic included, is then computed on those
// candidates only. docs/quality.md measures this served list against the full ranking.
import type { InteractionData } from '../signals/interaction-data.js';
import { repositoriesByLanguage } from '../signals/profile-signals.js';
import { SIGNALS, SignalComputer, type SignalArrays, type Weights } from '../signals/signal-set.js';
import { dot } from './vectors.js';

export const LIST_LENGTH = 50;
/** Candidates reached through shared topics only: the best this many by topic score. */
const TOPIC_CANDIDATES = 300;
/** Candidates per profile language, by popularity: a floor for profiles whose other signals reach little. */
const LANGUAGE_CANDIDATES = 25;

export interface ScoredItem {
  repo: number;
  score: number;
  /** One per SIGNALS entry, in [0, 1]. */
  components: Float32Array;
  /** The profile repository sharing the most contributors with this one (-1: none) and how many it shares. */
  via: number;
  shared: number;
}

export class ListScorer {
  private readonly computer: SignalComputer;
  private readonly popularInLanguage: Map<string, number[]>;
  private readonly weightVector: Float32Array;
  private readonly scratch = new Float32Array(SIGNALS.length);

  constructor(
    private readonly data: InteractionData,
    private readonly vectors: ReadonlyArray<Float32Array | null>,
    weights: Weights,
  ) {
    this.computer = new SignalComputer(data, 'sparse');
    this.weightVector = Float32Array.from(SIGNALS, (signal) => weights[signal]);
    const popularity = this.computer.signals([], null, null).popularity;
    this.popularInLanguage = new Map(
      [...repositoriesByLanguage(data)].map(([language, repos]) => [
        language,
        [...repos].sort((a, b) => popularity[b]! - popularity[a]! || a - b).slice(0, LANGUAGE_CANDIDATES),
      ]),
    );
  }

  /** The list of a user who contributed to `profile` (repository indices); `user` is left out of co-contribution. */
  score(profile: readonly number[], user: number | null, userVector: Float32Array | null): ScoredItem[] {
    const signals = this.computer.signals(profile, user, null);
    const own = new Set(profile);
    const candidates = new Set<number>();
    const topical: number[] = [];
    for (const j of this.computer.touched) {
      if (signals.collaborative[j]! > 0 || signals.owner[j]! > 0) candidates.add(j);
      else if (signals.topics[j]! > 0) topical.push(j);
    }
    topical.sort((a, b) => signals.topics[b]! - signals.topics[a]! || a - b);
    for (const j of topical.slice(0, TOPIC_CANDIDATES)) candidates.add(j);
    for (const j of profile) {
      const language = this.data.repos[j]!.language;
      for (const k of (language && this.popularInLanguage.get(language)) || []) if (!own.has(k)) candidates.add(k);
    }

    const pool = [...candidates];
    const semantic = new Float32Array(pool.length);
    if (userVector) {
      let max = 0;
      pool.forEach((j, c) => {
        const vector = this.vectors[j];
        const value = vector ? Math.max(0, dot(userVector, vector)) : 0;
        semantic[c] = value;
        if (value > max) max = value;
      });
      if (max > 0) for (let c = 0; c < pool.length; c++) semantic[c]! /= max;
    }
    // Scores first, components only for the kept few: most candidates are scored and dropped.
    const techStack = new Float32Array(pool.length);
    const scores = new Float64Array(pool.length);
    pool.forEach((j, c) => {
      const language = this.data.repos[j]!.language;
      techStack[c] = (language && this.computer.languageShare.get(language)) || 0;
      scores[c] = this.weighted(this.fill(signals, j, semantic[c]!, techStack[c]));
    });
    const order = Array.from(pool.keys()).sort((a, b) => scores[b]! - scores[a]! || pool[a]! - pool[b]!);
    return order.slice(0, LIST_LENGTH).map((c) => ({
      repo: pool[c]!,
      score: scores[c]!,
      components: this.fill(signals, pool[c]!, semantic[c]!, techStack[c]!).slice(),
      ...this.strongestLink(profile, pool[c]!),
    }));
  }

  /**
   * One candidate's signals in SIGNALS order, as float32 (what lists store, and what the score is summed from),
   * written into one scratch array: copy it to keep it.
   */
  private fill(signals: SignalArrays, j: number, semantic: number, techStack: number): Float32Array {
    const out = this.scratch;
    out[0] = semantic;
    out[1] = signals.collaborative[j]!;
    out[2] = signals.owner[j]!;
    out[3] = techStack;
    out[4] = signals.topics[j]!;
    out[5] = signals.popularity[j]!;
    out[6] = signals.freshness[j]!;
    return out;
  }

  private weighted(components: Float32Array): number {
    const w = this.weightVector;
    let score = 0;
    for (let s = 0; s < components.length; s++) score += w[s]! * components[s]!;
    return score;
  }

  /** The profile repository with the most contributors in common with `j` (ties: the first in the profile). */
  private strongestLink(profile: readonly number[], j: number): { via: number; shared: number } {
    const theirs = new Set(this.data.repoUsers[j]);
    let via = -1;
    let shared = 0;
    for (const i of profile) {
      let count = 0;
      for (const contributor of this.data.repoUsers[i]!) if (theirs.has(contributor)) count += 1;
      if (count > shared) [via, shared] = [i, count];
    }
    return { via, shared };
  }
}
