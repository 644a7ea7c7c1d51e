// Signals that do not depend on the user: popularity (log stars) and freshness (last push, decayed), each scaled
// to [0, 1] over the catalog.
import type { InteractionData } from './interaction-data.js';

const FRESHNESS_HALF_LIFE_DAYS = 365;

export function popularityScores(data: InteractionData): Float32Array {
  const scores = Float32Array.from(data.repos, (repo) => Math.log1p(Math.max(0, repo.stars)));
  return scaleToUnit(scores);
}

/** One repository's popularity against the catalog's most starred: log stars over log max stars. */
export const popularityOf = (stars: number, maxStars: number): number =>
  maxStars > 0 ? Math.log1p(Math.max(0, stars)) / Math.log1p(maxStars) : 0;

/** exp decay with a one-year half-life from the newest push in the catalog (epoch ms); unknown pushes score 0. */
export function freshnessOf(pushedAt: number | null, newest: number): number {
  return pushedAt === null ? 0 : Math.exp((-Math.LN2 / FRESHNESS_HALF_LIFE_DAYS) * ((newest - pushedAt) / 86_400_000));
}

export function freshnessScores(data: InteractionData): Float32Array {
  const newest = data.repos.reduce((max, repo) => Math.max(max, repo.pushedAt ?? 0), 0);
  return Float32Array.from(data.repos, (repo) => freshnessOf(repo.pushedAt, newest));
}

export function scaleToUnit(scores: Float32Array): Float32Array {
  let max = 0;
  for (const value of scores) if (value > max) max = value;
  if (max > 0) for (let i = 0; i < scores.length; i++) scores[i]! /= max;
  return scores;
}
