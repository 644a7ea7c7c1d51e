// Keyword search text → a PostgreSQL tsquery over the generated `search_vector` columns (catalog_search migration).
// Every word must match (AND), each as a prefix, so "tensor" finds "tensorflow" and results narrow as a user types.
// Words go in as quoted tsquery lexemes, so no character of the input can be read as tsquery syntax; PostgreSQL's
// parser then splits them exactly as it split the indexed text ("react-native" → react-native, react, native).
import { Prisma } from '../../generated/prisma/client.js';
import { badInput } from '../../errors.js';

export const MAX_SEARCH_LENGTH = 200;
export const MAX_SEARCH_WORDS = 10;

const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** The tsquery text for `text`, or a BAD_USER_INPUT naming `argument` when there is nothing to search for. */
export function keywordQuery(text: string, argument: string): string {
  if (text.length > MAX_SEARCH_LENGTH) {
    throw badInput(`"${argument}" is too long: at most ${MAX_SEARCH_LENGTH} characters`, { argument });
  }
  const words = text.split(/\s+/).filter((word) => HAS_WORD_CHARACTER.test(word));
  if (words.length === 0) {
    throw badInput(`"${argument}" has no word to search for: give at least one letter or digit`, { argument });
  }
  if (words.length > MAX_SEARCH_WORDS) {
    throw badInput(`"${argument}" has too many words: at most ${MAX_SEARCH_WORDS}`, { argument });
  }
  return words.map(tsqueryPrefix).join(' & ');
}

/** One word as a quoted, prefix-matching tsquery lexeme: nothing in it can be read as tsquery syntax. */
export function tsqueryPrefix(word: string): string {
  return `'${word.toLowerCase().replaceAll('\\', '\\\\').replaceAll("'", "''")}':*`;
}

/**
 * `column @@ query`: served by the column's GIN index. PostgreSQL weighs it against walking an ordering's index
 * (stars, names) with its estimate of how many rows match, from the column's statistics: rare words are looked up
 * in the GIN index, common ones found soonest by reading the ordering until a page is full.
 */
export function matchesSql(column: Prisma.Sql, query: string): Prisma.Sql {
  return Prisma.sql`${column} @@ to_tsquery('simple', ${query}::text)`;
}

/** Relevance of a row for the query: name hits (weight A) outrank topic (B) and description (C) hits. */
export function rankSql(column: Prisma.Sql, query: string): Prisma.Sql {
  return Prisma.sql`ts_rank(${column}, to_tsquery('simple', ${query}::text))::float8`;
}
