// Line splitting across chunk boundaries: the reader's chunks end anywhere, including between \r and \n.
import { describe, expect, it } from 'vitest';
import { splitLines, type TextLine } from '../../../src/modules/import/line-splitter.js';

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  for (const part of parts) yield part;
}

async function split(parts: string[], maxLineChars?: number): Promise<TextLine[]> {
  const lines: TextLine[] = [];
  for await (const line of splitLines(chunks(...parts), maxLineChars)) lines.push(line);
  return lines;
}

describe('Import: splitLines numbers lines across arbitrary chunks', () => {
  it('joins a line split over several chunks', async () => {
    expect(await split(['ab', 'c\nde', 'f', '\n'])).toEqual([
      { line: 1, text: 'abc' },
      { line: 2, text: 'def' },
    ]);
  });

  it('treats a CRLF split between two chunks as one line ending', async () => {
    expect(await split(['one\r', '\ntwo\r\n'])).toEqual([
      { line: 1, text: 'one' },
      { line: 2, text: 'two' },
    ]);
  });

  it('yields empty lines (the reader decides to skip them)', async () => {
    expect(await split(['\n\nx'])).toEqual([
      { line: 1, text: '' },
      { line: 2, text: '' },
      { line: 3, text: 'x' },
    ]);
  });

  it('yields nothing for empty input', async () => {
    expect(await split([])).toEqual([]);
    expect(await split([''])).toEqual([]);
  });

  it('marks a line over the limit as too long even when it arrives in many chunks', async () => {
    expect(await split(['12345', '67890', '12\nok\n'], 8)).toEqual([
      { line: 1, tooLong: true },
      { line: 2, text: 'ok' },
    ]);
  });

  it('marks a too-long last line that has no newline', async () => {
    expect(await split(['ok\n', '123456789', '0'], 8)).toEqual([
      { line: 1, text: 'ok' },
      { line: 2, tooLong: true },
    ]);
  });
});
