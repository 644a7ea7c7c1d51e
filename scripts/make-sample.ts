// Builds data/sample/, the small catalog the project ships (imported on first start), from the full data set.
//
//   npx tsx scripts/make-sample.ts [SOURCE_DIR] [OUT_DIR]     (npm run sample:make)
//   SOURCE_DIR defaults to ../shared/data and OUT_DIR to data/sample, both relative to the repository root.
//
// Which repositories (deterministic: same input, byte-identical output):
// 1. Candidates are the repositories that have at least one contribution in interactions.jsonl.gz: a sample
//    without contributors cannot show profiles or recommendations.
// 2. Every primary language (no language counts as one more) gets a quota proportional to its share of the
//    candidates, at least one: round(TARGET × share). The sample keeps the catalog's spread of languages.
// 3. Within a language, candidates are ranked: those with both a description and topics first (text features
//    and topic matching need them, and only 1,815 repositories have both), then by how many of their
//    contributors also contributed to another candidate (that is what connects users to several repositories,
//    which recommendations and their leave-one-out evaluation need), then by stars, then by full name.
//    The top `quota` of each language are taken.
// The sample then holds those repositories merged with their provenance fields, ALL their contributions, every
// user those contributions or the repositories' owners name (when users.jsonl.gz has them), and all featured
// topics. README.md records the counts, which test/modules/import checks against a real import.
import { createWriteStream, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join, resolve } from 'node:path';
import { createGzip } from 'node:zlib';
import { readJsonl } from '../src/modules/import/index.js';

const TARGET_REPOSITORIES = 3_000;
const MAX_SAMPLE_BYTES = 2 * 1024 * 1024;
const PROVENANCE_FIELDS = ['statsAsOf', 'pushedAt', 'openIssues', 'githubId', 'formerNames'] as const;
const SAMPLE_SOURCES = ['EvanLi/Github-Ranking', 'michbaum/githubGraph', 'github/explore'];

type Line = Record<string, unknown>;
interface Repo extends Line {
  fullName: string;
  owner: string;
  language: string | null;
  description: string | null;
  topics: string[] | null;
  stars: number;
}
interface Interaction extends Line {
  user: string;
  repo: string;
}

const root = resolve(import.meta.dirname, '..');
const source = resolve(root, process.argv[2] ?? '../shared/data');
const out = resolve(root, process.argv[3] ?? 'data/sample');

async function readAll<T>(file: string): Promise<T[]> {
  const lines: T[] = [];
  for await (const entry of readJsonl(join(source, file))) {
    if ('error' in entry) throw new Error(`${file}:${entry.line}: ${entry.error}`);
    lines.push(entry.value as T);
  }
  return lines;
}

async function writeGzipLines(file: string, lines: readonly unknown[]): Promise<void> {
  const gzip = createGzip({ level: 9 });
  const target = createWriteStream(join(out, file));
  gzip.pipe(target);
  for (const line of lines) {
    if (!gzip.write(`${JSON.stringify(line)}\n`)) await new Promise((done) => gzip.once('drain', done));
  }
  gzip.end();
  await finished(target);
}

const hasText = (repo: Repo) => repo.description !== null && repo.description.trim() !== '';
const hasTopics = (repo: Repo) => (repo.topics ?? []).length > 0;
const key = (name: string) => name.toLowerCase();

function chooseRepositories(repos: readonly Repo[], interactions: readonly Interaction[]): Repo[] {
  const contributorsOf = new Map<string, string[]>();
  const repoCountOf = new Map<string, number>();
  for (const { user, repo } of interactions) {
    contributorsOf.set(repo, contributorsOf.get(repo) ?? []);
    contributorsOf.get(repo)?.push(user);
    repoCountOf.set(user, (repoCountOf.get(user) ?? 0) + 1);
  }
  const candidates = repos.filter((repo) => contributorsOf.has(repo.fullName));
  const links = new Map(
    candidates.map((repo) => [
      repo.fullName,
      (contributorsOf.get(repo.fullName) ?? []).filter((user) => (repoCountOf.get(user) ?? 0) >= 2).length,
    ]),
  );
  const linksOf = (repo: Repo) => links.get(repo.fullName) ?? 0;
  const rank = (a: Repo, b: Repo) =>
    Number(hasText(b) && hasTopics(b)) - Number(hasText(a) && hasTopics(a)) ||
    linksOf(b) - linksOf(a) ||
    b.stars - a.stars ||
    (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0);

  const byLanguage = new Map<string, Repo[]>();
  for (const repo of candidates) {
    const language = repo.language ?? '';
    byLanguage.set(language, byLanguage.get(language) ?? []);
    byLanguage.get(language)?.push(repo);
  }
  const chosen: Repo[] = [];
  for (const group of byLanguage.values()) {
    const quota = Math.max(1, Math.round((TARGET_REPOSITORIES * group.length) / candidates.length));
    chosen.push(...[...group].sort(rank).slice(0, quota));
  }
  return chosen.sort((a, b) => (a.fullName < b.fullName ? -1 : 1));
}

async function main(): Promise<void> {
  const [repos, provenance, users, interactions, topics] = await Promise.all([
    readAll<Repo>('repos.jsonl.gz'),
    readAll<Line & { fullName: string }>('repos_provenance.jsonl.gz'),
    readAll<Line & { login: string }>('users.jsonl.gz'),
    readAll<Interaction>('interactions.jsonl.gz'),
    readAll<Line & { name: string }>('topics.jsonl.gz'),
  ]);
  const provenanceOf = new Map(provenance.map((p) => [p.fullName, p]));
  const chosen = chooseRepositories(repos, interactions);
  const chosenNames = new Set(chosen.map((repo) => repo.fullName));

  const sampleRepos = chosen.map((repo) => {
    const extra = provenanceOf.get(repo.fullName);
    return { ...repo, ...Object.fromEntries(PROVENANCE_FIELDS.map((field) => [field, extra?.[field] ?? null])) };
  });
  const sampleContributions = interactions.filter((interaction) => chosenNames.has(interaction.repo));
  const named = new Set([...sampleContributions.map((c) => key(c.user)), ...chosen.map((repo) => key(repo.owner))]);
  const sampleUsers = users.filter((user) => named.has(key(user.login)));

  mkdirSync(out, { recursive: true });
  await writeGzipLines('repos.jsonl.gz', sampleRepos);
  await writeGzipLines('users.jsonl.gz', sampleUsers);
  await writeGzipLines('contributions.jsonl.gz', sampleContributions);
  await writeGzipLines('topics.jsonl.gz', topics);

  // What the database holds after importing the sample into an empty database: owners missing from the users
  // file get a minimal user, and every topic named on a repository gets a (non-featured) topic row.
  const topicNames = new Set([...topics.map((t) => t.name), ...chosen.flatMap((repo) => repo.topics ?? [])].map(key));
  const counts = {
    files: {
      repos: sampleRepos.length,
      users: sampleUsers.length,
      contributions: sampleContributions.length,
      topics: topics.length,
    },
    tables: {
      repositories: sampleRepos.length,
      users: named.size,
      contributions: sampleContributions.length,
      topics: topicNames.size,
    },
    languages: new Set(chosen.map((repo) => repo.language ?? '')).size,
    withDescription: chosen.filter(hasText).length,
    withTopics: chosen.filter(hasTopics).length,
    withBoth: chosen.filter((repo) => hasText(repo) && hasTopics(repo)).length,
    featured: topics.length,
  };
  writeFileSync(join(out, 'README.md'), readme(counts));

  const files = ['repos.jsonl.gz', 'users.jsonl.gz', 'contributions.jsonl.gz', 'topics.jsonl.gz', 'README.md'];
  const bytes = files.reduce((sum, file) => sum + statSync(join(out, file)).size, 0);
  process.stdout.write(`${JSON.stringify(counts, null, 2)}\nwrote ${out} (${(bytes / 1024).toFixed(0)} KiB)\n`);
  if (bytes > MAX_SAMPLE_BYTES) throw new Error(`the sample is ${bytes} bytes, over the ${MAX_SAMPLE_BYTES} budget`);
}

type Counts = {
  files: Record<'repos' | 'users' | 'contributions' | 'topics', number>;
  tables: Record<'repositories' | 'users' | 'contributions' | 'topics', number>;
  languages: number;
  withDescription: number;
  withTopics: number;
  withBoth: number;
  featured: number;
};

const n = (value: number) => value.toLocaleString('en-US');

function readme(counts: Counts): string {
  const sourceReadme = readFileSync(join(source, 'README.md'), 'utf8');
  const section = /## Sources\n([\s\S]*?)(?=\n## |\n*$)/.exec(sourceReadme)?.[1]?.trim();
  if (!section) throw new Error(`no "## Sources" section in ${join(source, 'README.md')}`);
  // Only the sources this sample draws on (the full set also credits OKR examples, which are not shipped here).
  const sources = section
    .split(/\n(?=- |\n)/)
    .filter((part) => !part.startsWith('- ') || SAMPLE_SOURCES.some((name) => part.includes(name)))
    .join('\n');
  return `# Sample catalog

A small, real slice of the project's full GitHub data set (\`shared/data\`, see Sources), shipped so that a fresh
\`npm start\` serves something useful. Imported automatically into an empty database, or by hand with
\`npm run import -- --sample\`.

Made by \`npx tsx scripts/make-sample.ts\` (\`npm run sample:make\`): deterministic, the rule is in that script's
header. In short: repositories that have contributors, a quota per language proportional to the full catalog,
and within a language those with both a description and topics first, then those whose contributors also
contributed elsewhere.

## Files

| file | rows | one line is |
|---|---:|---|
| \`repos.jsonl.gz\` | ${n(counts.files.repos)} | a repository, with its provenance fields (\`statsAsOf\`, \`pushedAt\`, \`openIssues\`, \`githubId\`, \`formerNames\`) merged in |
| \`users.jsonl.gz\` | ${n(counts.files.users)} | a user named by a contribution or owning a repository (when the full users file has them) |
| \`contributions.jsonl.gz\` | ${n(counts.files.contributions)} | \`{user, repo, type: "contributed", weight}\`: all contributions to the sampled repositories |
| \`topics.jsonl.gz\` | ${n(counts.files.topics)} | a GitHub featured topic (all of them) |

${n(counts.languages)} languages (no language counted as one); ${n(counts.withDescription)} repositories with a description,
${n(counts.withTopics)} with topics, ${n(counts.withBoth)} with both. \`null\` means unknown.

## Rows after importing into an empty database

| table | rows |
|---|---:|
| \`repositories\` | ${n(counts.tables.repositories)} |
| \`users\` | ${n(counts.tables.users)} |
| \`contributions\` | ${n(counts.tables.contributions)} |
| \`topics\` | ${n(counts.tables.topics)} |

Users include a minimal row for each repository owner the users file does not describe; topics include a
non-featured row for each topic named on a repository (${n(counts.featured)} of them are featured).

## Sources

${sources}

## Licences

Repository and contribution facts come from EvanLi/Github-Ranking and michbaum/githubGraph, both under the MIT
licence:

> Copyright (c) 2018 Evan Li; Copyright (c) 2022 Michael Baumgartner and Emma Tysinger
>
> Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
> documentation files (the "Software"), to deal in the Software without restriction, including without limitation
> the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and
> to permit persons to whom the Software is furnished to do so, subject to the following conditions:
>
> The above copyright notice and this permission notice shall be included in all copies or substantial portions
> of the Software.
>
> THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO
> THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
> AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
> CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
> IN THE SOFTWARE.

Topics (\`topics.jsonl.gz\`): content based on github.com/github/explore used under the CC-BY-4.0 license
(https://creativecommons.org/licenses/by/4.0/); converted from Markdown front matter to JSON Lines.
`;
}

await main();
