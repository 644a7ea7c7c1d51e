// The GraphQL shown in README.md and docs/*.md must stay true: every ```graphql block is parsed and validated
// against the committed schema.graphql (which CI checks against the code), so a renamed field or argument fails here
// instead of in a reader's GraphiQL.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const schema = buildSchema(readFileSync(`${ROOT}schema.graphql`, 'utf8'));
const documents = ['README.md', ...readdirSync(`${ROOT}docs`).map((name) => `docs/${name}`)].filter((path) =>
  path.endsWith('.md'),
);

const blocksOf = (path: string) =>
  [...readFileSync(`${ROOT}${path}`, 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);

describe('GraphQL examples in the documentation', () => {
  it('finds examples to check (README has several)', () => {
    expect(blocksOf('README.md').length).toBeGreaterThan(3);
  });

  it.each(documents.flatMap((path) => blocksOf(path).map((text, i) => [`${path} #${i + 1}`, text] as const)))(
    '%s is valid against schema.graphql',
    (_name, text) => {
      const errors = validate(schema, parse(text)).map((error) => error.message);
      expect(errors).toEqual([]);
    },
  );
});
