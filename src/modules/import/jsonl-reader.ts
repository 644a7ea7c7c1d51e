// Streams a JSON Lines file (plain or gzip) as one entry per non-blank line: the parsed value, or why the line
// could not be parsed. Memory stays constant whatever the file's size; line numbers count every physical line.
import { AppError, ErrorCode } from '../../errors.js';
import { isBlank, splitLines, DEFAULT_MAX_LINE_CHARS } from './line-splitter.js';
import { openTextStream } from './text-source.js';

export type JsonlEntry =
  { readonly line: number; readonly value: unknown } | { readonly line: number; readonly error: string };

export interface ReadOptions {
  /** Lines longer than this (in characters) are reported, not parsed. */
  readonly maxLineChars?: number;
}

export async function* readJsonl(path: string, options: ReadOptions = {}): AsyncGenerator<JsonlEntry> {
  const maxLineChars = options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  for await (const entry of readLines(path, maxLineChars)) {
    if ('tooLong' in entry) {
      yield { line: entry.line, error: `line is longer than ${maxLineChars} characters` };
      continue;
    }
    if (isBlank(entry.text)) continue;
    try {
      yield { line: entry.line, value: JSON.parse(entry.text) as unknown };
    } catch (error) {
      yield { line: entry.line, error: `not valid JSON: ${(error as Error).message}` };
    }
  }
}

/** Counts the lines readJsonl would yield, without parsing them: a quick first pass for progress totals. */
export async function countRecords(path: string, options: ReadOptions = {}): Promise<number> {
  let count = 0;
  for await (const entry of readLines(path, options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS)) {
    if ('tooLong' in entry || !isBlank(entry.text)) count += 1;
  }
  return count;
}

/** Lines of the file; a file that cannot be read or decompressed becomes one BAD_USER_INPUT naming it. */
async function* readLines(path: string, maxLineChars: number) {
  try {
    yield* splitLines(await openTextStream(path), maxLineChars);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(ErrorCode.BAD_USER_INPUT, `cannot read "${path}": ${reason}`, { file: path }, { cause: error });
  }
}
