// Reasons a person reads, from a recommendation's components and the facts behind them: the signals that carry
// the most of its score, strongest first ("4 contributors of vercel/next.js also contribute here").
import { SIGNALS, type Signal, type Weights } from '../signals/signal-set.js';
import type { Components } from './list-view.js';

export interface ReasonFacts {
  components: Components;
  weights: Weights;
  /** The user's repository sharing the most contributors with this one, and how many. */
  via: { fullName: string; shared: number } | null;
  ownerLogin: string | null;
  /** This repository's topics the user's repositories also have. */
  sharedTopics: readonly string[];
  /** This repository's language, when it is one of the user's. */
  sharedLanguage: string | null;
  stars: number;
  pushedAt: Date | null;
  /** What the semantic signal compared with (default: the repositories the user contributes to). */
  semanticBasis?: string;
}

/** A signal below this share of the score is not worth a sentence (unless nothing else is). */
const MIN_SHARE = 0.1;
const MAX_REASONS = 3;
const MAX_TOPICS = 3;

export function reasonsFor(facts: ReasonFacts): string[] {
  const parts = SIGNALS.map((signal) => ({ signal, value: facts.weights[signal] * facts.components[signal] }))
    .filter((part) => part.value > 0)
    .sort((a, b) => b.value - a.value);
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  const reasons: string[] = [];
  for (const part of parts) {
    if (reasons.length === MAX_REASONS || (reasons.length > 0 && part.value < MIN_SHARE * total)) break;
    const sentence = sentenceFor(part.signal, facts);
    if (sentence) reasons.push(sentence);
  }
  return reasons;
}

function sentenceFor(signal: Signal, facts: ReasonFacts): string | null {
  switch (signal) {
    case 'collaborative':
      return facts.via
        ? `${facts.via.shared} ${facts.via.shared === 1 ? 'contributor' : 'contributors'} of ${facts.via.fullName} also ${facts.via.shared === 1 ? 'contributes' : 'contribute'} here`
        : 'people who contribute where you do also contribute here';
    case 'owner':
      return facts.ownerLogin ? `also by ${facts.ownerLogin}` : null;
    case 'topics':
      return facts.sharedTopics.length > 0
        ? `shares topics ${facts.sharedTopics.slice(0, MAX_TOPICS).join(', ')}`
        : null;
    case 'techStack':
      return facts.sharedLanguage ? `in your languages: ${facts.sharedLanguage}` : null;
    case 'semantic':
      return `described like ${facts.semanticBasis ?? 'the repositories you contribute to'}`;
    case 'popularity':
      return `popular: ${formatCount(facts.stars)} stars`;
    case 'freshness':
      return facts.pushedAt ? `recently active: pushed ${facts.pushedAt.toISOString().slice(0, 10)}` : null;
  }
}

export function formatCount(count: number): string {
  if (count >= 1_000_000) return `${trim(count / 1_000_000)}M`;
  if (count >= 1_000) return `${trim(count / 1_000)}k`;
  return String(count);
}

const trim = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, ''));
