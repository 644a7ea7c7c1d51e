// The evaluation's data straight from the data files (../shared/data or data/sample): repositories, their last
// push (provenance file, else updatedAt) and the contributions. Unparseable lines are skipped and counted.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { readJsonl } from '../../import/index.js';
import { buildInteractionData, type InteractionData, type RepositoryFacts } from '../signals/interaction-data.js';
import type { TopicText } from './topic-retrieval.js';

const CONTRIBUTION_FILES = ['interactions.jsonl.gz', 'contributions.jsonl.gz'];

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function* records(file: string): AsyncGenerator<Record<string, unknown>> {
  for await (const entry of readJsonl(file))
    if ('value' in entry && entry.value) yield entry.value as Record<string, unknown>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const time = (value: unknown): number | null => {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ms : null;
};

export async function loadInteractionFiles(dir: string): Promise<InteractionData> {
  const pushed = new Map<string, number>();
  const provenance = path.join(dir, 'repos_provenance.jsonl.gz');
  if (await exists(provenance)) {
    for await (const row of records(provenance)) {
      const at = time(row['pushedAt']);
      if (typeof row['fullName'] === 'string' && at !== null) pushed.set(row['fullName'].toLowerCase(), at);
    }
  }
  const repos: RepositoryFacts[] = [];
  for await (const row of records(path.join(dir, 'repos.jsonl.gz'))) {
    const fullName = text(row['fullName']);
    if (!fullName || !fullName.includes('/')) continue;
    const [owner, name] = fullName.split('/') as [string, string];
    repos.push({
      fullName,
      owner: text(row['owner']) ?? owner,
      name: text(row['name']) ?? name,
      description: text(row['description']),
      language: text(row['language']),
      topics: Array.isArray(row['topics']) ? row['topics'].filter((t): t is string => typeof t === 'string') : [],
      stars: typeof row['stars'] === 'number' ? row['stars'] : 0,
      pushedAt: pushed.get(fullName.toLowerCase()) ?? time(row['updatedAt']),
    });
  }
  let contributions: string | undefined;
  for (const name of CONTRIBUTION_FILES) if (await exists(path.join(dir, name))) contributions = path.join(dir, name);
  if (!contributions) throw new Error(`${dir} has no ${CONTRIBUTION_FILES.join(' or ')}`);
  const pairs: Array<{ user: string; repo: string }> = [];
  for await (const row of records(contributions)) {
    if (typeof row['user'] === 'string' && typeof row['repo'] === 'string')
      pairs.push({ user: row['user'], repo: row['repo'] });
  }
  return buildInteractionData(repos, pairs);
}

/** Each topic's text to search with: GitHub's display name, short description and description. */
export async function loadTopicTexts(dir: string): Promise<TopicText[]> {
  const file = path.join(dir, 'topics.jsonl.gz');
  if (!(await exists(file))) return [];
  const topics: TopicText[] = [];
  for await (const row of records(file)) {
    const name = text(row['name']);
    if (!name) continue;
    const parts = [row['displayName'], row['shortDescription'], row['description']].map(text).filter(Boolean);
    topics.push({ name, text: parts.join('. ') });
  }
  return topics;
}
