// Every signal of a user's profile over the whole catalog, and the weighted score the recommender ranks by.
import type { InteractionData } from './interaction-data.js';
import {
  allocateProfileSignals,
  profileSignals,
  resetProfileSignals,
  type ProfileSignals,
  type TechStackMode,
} from './profile-signals.js';
import { freshnessScores, popularityScores } from './static-signals.js';

export const SIGNALS = [
  'semantic',
  'collaborative',
  'owner',
  'techStack',
  'topics',
  'popularity',
  'freshness',
] as const;
export type Signal = (typeof SIGNALS)[number];
export type Weights = Readonly<Record<Signal, number>>;
export type SignalArrays = Readonly<Record<Signal, Float32Array>>;

export const uniformWeights = (): Weights =>
  Object.fromEntries(SIGNALS.map((signal) => [signal, 1 / SIGNALS.length])) as Weights;
export const only = (signal: Signal): Weights =>
  Object.fromEntries(SIGNALS.map((s) => [s, s === signal ? 1 : 0])) as Weights;

/** Reuses its arrays from one user to the next: call `signals` again only after you are done with the last. */
export class SignalComputer {
  private readonly profile: ProfileSignals;
  private readonly popularity: Float32Array;
  private readonly freshness: Float32Array;
  private readonly empty: Float32Array;

  constructor(
    private readonly data: InteractionData,
    private readonly techStack: TechStackMode = 'dense',
  ) {
    this.profile = allocateProfileSignals(data.repos.length);
    this.popularity = popularityScores(data);
    this.freshness = freshnessScores(data);
    this.empty = new Float32Array(data.repos.length);
  }

  /** The repositories the last profile's signals reached (outside the profile), each once. */
  get touched(): readonly number[] {
    return this.profile.touched;
  }

  /** The last profile's techStack value per language (what a `sparse` computer gives instead of the array). */
  get languageShare(): ReadonlyMap<string, number> {
    return this.profile.languageShare;
  }

  signals(profile: readonly number[], user: number | null, semantic: Float32Array | null): SignalArrays {
    resetProfileSignals(this.profile);
    profileSignals(this.data, profile, user, this.profile, this.techStack);
    const { collaborative, owner, topics, techStack } = this.profile;
    return {
      collaborative,
      owner,
      topics,
      techStack,
      semantic: semantic ?? this.empty,
      popularity: this.popularity,
      freshness: this.freshness,
    };
  }
}

/** Σ weight × signal for every repository, into `out`. */
export function weightedScore(signals: SignalArrays, weights: Weights, out: Float32Array): Float32Array {
  out.fill(0);
  for (const signal of SIGNALS) {
    const weight = weights[signal];
    if (weight === 0) continue;
    const values = signals[signal];
    for (let j = 0; j < out.length; j++) out[j]! += weight * values[j]!;
  }
  return out;
}

/** The signals of repository j, in SIGNALS order. */
export function featureRow(signals: SignalArrays, j: number): number[] {
  return SIGNALS.map((signal) => signals[signal][j]!);
}
