// What a reader asks of a stored list (the published top 50 of a user): re-ranked by the request's weights when it
// gives some, narrowed by its filter, and one page of it. Pure: the resolver brings the list and the repositories.
import { badInput } from '../../../errors.js';
import { SIGNALS, type Signal, type Weights } from '../signals/signal-set.js';
import { COMPONENT_SCALE, type StoredList } from '../lists/list-store.js';

export const DEFAULT_RECOMMENDATIONS = 10;
/** The stored list's length: no page is longer. */
export const MAX_RECOMMENDATIONS = 50;

export type Components = Record<Signal, number>;

export interface RankedItem {
  repositoryId: number;
  score: number;
  /** 1-based, in the list as filtered and weighted. */
  rank: number;
  components: Components;
  /** The user's repository sharing the most contributors with this one (null: none). */
  viaRepositoryId: number | null;
  sharedContributors: number;
}

export interface ListFilter {
  language?: string | null;
  topics?: readonly string[] | null;
}

/** The facts about a repository the filter looks at. */
export interface FilterFacts {
  language: string | null;
  topics: readonly string[];
}

/** Request weights checked: non-negative finite numbers, at least one above zero; a signal left out weighs 0. */
export function requestWeights(given: Partial<Record<Signal, number | null>> | null | undefined): Weights | null {
  if (!given) return null;
  const weights = Object.fromEntries(SIGNALS.map((signal) => [signal, given[signal] ?? 0])) as Record<Signal, number>;
  for (const signal of SIGNALS) {
    const value = weights[signal];
    if (!Number.isFinite(value) || value < 0)
      throw badInput(`weights.${signal} must be a number ≥ 0 (got ${value})`, { argument: `weights.${signal}` });
  }
  if (SIGNALS.every((signal) => weights[signal] === 0))
    throw badInput('weights: give at least one signal a weight above 0', { argument: 'weights' });
  return weights;
}

export function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_RECOMMENDATIONS)
    throw badInput(`first must be from 1 to ${MAX_RECOMMENDATIONS} (got ${first})`, { argument: 'first' });
  return first;
}

/** The stored list as ranked items: by the request's weights when given (else the stored scores), filtered. */
export function rankList(
  list: StoredList,
  weights: Weights | null,
  filter: ListFilter | null,
  facts: (repositoryId: number) => FilterFacts | undefined,
): RankedItem[] {
  const items = list.repositoryIds.map((repositoryId, i) => {
    const components = Object.fromEntries(
      SIGNALS.map((signal, s) => [signal, list.components[i * SIGNALS.length + s]! / COMPONENT_SCALE]),
    ) as Components;
    const score = weights
      ? SIGNALS.reduce((sum, signal) => sum + weights[signal] * components[signal], 0)
      : list.scores[i]!;
    const via = list.viaRepositoryIds[i]!;
    return {
      repositoryId,
      score,
      rank: 0,
      components,
      viaRepositoryId: via > 0 ? via : null,
      sharedContributors: list.sharedContributors[i]!,
    };
  });
  const kept = filter ? items.filter((item) => matches(facts(item.repositoryId), filter)) : items;
  if (weights) kept.sort((a, b) => b.score - a.score || a.repositoryId - b.repositoryId);
  kept.forEach((item, i) => (item.rank = i + 1));
  return kept;
}

function matches(facts: FilterFacts | undefined, filter: ListFilter): boolean {
  if (!facts) return false; // a repository deleted since the run: not shown
  if (filter.language && facts.language?.toLowerCase() !== filter.language.toLowerCase()) return false;
  const topics = filter.topics ?? [];
  return topics.every((topic) => facts.topics.includes(topic.toLowerCase()));
}

/** Whether the filter needs the repositories' facts (so the resolver loads all 50, not only the page). */
export const filters = (filter: ListFilter | null | undefined): boolean =>
  Boolean(filter && (filter.language || (filter.topics && filter.topics.length > 0)));
