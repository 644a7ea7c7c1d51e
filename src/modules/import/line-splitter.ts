// Splits streamed text into numbered lines without ever holding more than one line (plus one chunk) in memory.
// Accepts \n and \r\n endings, a final line without a newline, and a UTF-8 byte-order mark on the first line.

export type TextLine =
  | { readonly line: number; readonly text: string }
  /** The line was longer than the limit: its text was dropped rather than buffered without bound. */
  | { readonly line: number; readonly tooLong: true };

export const DEFAULT_MAX_LINE_CHARS = 16 * 1024 * 1024;

export async function* splitLines(
  chunks: AsyncIterable<string | Buffer>,
  maxLineChars: number = DEFAULT_MAX_LINE_CHARS,
): AsyncGenerator<TextLine> {
  let pending = '';
  let overflowing = false;
  let lineNumber = 0;

  const finish = (text: string): TextLine => {
    lineNumber += 1;
    // Overflowing: the line outgrew the limit while buffered; a line that arrived whole in one chunk is checked here.
    if (overflowing || text.length > maxLineChars) {
      overflowing = false;
      return { line: lineNumber, tooLong: true };
    }
    let cleaned = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (lineNumber === 1 && cleaned.charCodeAt(0) === 0xfeff) cleaned = cleaned.slice(1);
    return { line: lineNumber, text: cleaned };
  };

  for await (const chunk of chunks) {
    const text = pending + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    let start = 0;
    for (let newline = text.indexOf('\n', start); newline !== -1; newline = text.indexOf('\n', start)) {
      yield finish(text.slice(start, newline));
      start = newline + 1;
    }
    pending = text.slice(start);
    if (pending.length > maxLineChars) {
      overflowing = true;
      pending = '';
    }
  }
  if (pending.length > 0 || overflowing) yield finish(pending);
}

/** True when the line holds nothing but whitespace (such lines are skipped, not reported). */
export function isBlank(text: string): boolean {
  return !/\S/.test(text);
}
