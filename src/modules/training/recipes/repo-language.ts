// repo-language: a repository's primary language from its name, description and topics. Each text field is a
// bag of words over its own vocabulary (learnt from the training repositories), and a softmax picks one of the
// most common languages or "other". Trained from the catalog: every repository whose language is known.
import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { FeatureSpec, InputSchema } from '../../registry/index.js';
import type { ClassifierRecipe, LabelledExample, LoadOptions } from '../recipe.js';
import { buildVocabulary } from '../vocabulary.js';

/** Languages a new definition names; the rest train and predict as "other". */
export const TOP_LANGUAGES = 15;
export const OTHER_LANGUAGE = 'other';
const PAGE = 5_000;
const TEXT_FIELDS = ['owner', 'name', 'description', 'topics'] as const;

const inputSchema: InputSchema = {
  type: 'object',
  properties: {
    owner: { type: 'string', maxLength: 100, description: "The owner's login (a user or an organization)." },
    name: { type: 'string', minLength: 1, maxLength: 100, description: 'The repository name, without its owner.' },
    description: { type: 'string', maxLength: 2000, description: 'The repository description.' },
    topics: { type: 'string', maxLength: 2000, description: 'Topics, separated by spaces or commas.' },
  },
  required: ['name'],
};

async function load(prisma: PrismaClient, options: LoadOptions): Promise<LabelledExample[]> {
  const where = { language: { not: null } };
  options.onTotal(await prisma.repository.count({ where }));
  const examples: LabelledExample[] = [];
  let after = 0;
  for (;;) {
    options.signal.throwIfAborted();
    // Keyset pages by id: memory and statement size stay flat however large the catalog is.
    const rows = await prisma.repository.findMany({
      where: { ...where, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: PAGE,
      select: { id: true, fullName: true, name: true, description: true, topics: true, language: true },
    });
    for (const row of rows)
      examples.push({
        key: row.fullName,
        input: {
          owner: row.fullName.slice(0, row.fullName.indexOf('/')),
          name: row.name,
          description: row.description || null,
          topics: row.topics.join(' ') || null,
        },
        label: row.language!,
      });
    options.onRead(rows.length);
    if (rows.length < PAGE) return examples;
    after = rows.at(-1)!.id;
  }
}

function labels(examples: readonly LabelledExample[]): string[] {
  const counts = new Map<string, number>();
  for (const { label } of examples) counts.set(label, (counts.get(label) ?? 0) + 1);
  const top = [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, TOP_LANGUAGES)
    .map(([label]) => label);
  return [...top, OTHER_LANGUAGE];
}

function features(train: readonly LabelledExample[], params: { vocabularySize: number }): FeatureSpec[] {
  // A vocabulary per field: "react" in a name and "react" in a topic are different evidence.
  return TEXT_FIELDS.flatMap((field) => {
    const vocabulary = buildVocabulary(
      train.map((example) => example.input[field] as string | null),
      params.vocabularySize,
    );
    // A field with no word seen twice (a tiny catalog) contributes nothing rather than an empty vocabulary.
    return vocabulary.length > 0 ? [{ field, kind: 'text' as const, vocabulary }] : [];
  });
}

export const repoLanguageRecipe: ClassifierRecipe = {
  model: 'repo-language',
  definition: {
    description:
      "A repository's primary language from its name, description and topics (bag of words, softmax over the " +
      `${TOP_LANGUAGES} most common languages of the catalog and "${OTHER_LANGUAGE}").`,
    inputSchema,
  },
  primaryMetric: 'macroF1',
  source: 'catalog: repositories with a language',
  load,
  labels,
  fallbackLabel: OTHER_LANGUAGE,
  features,
};
