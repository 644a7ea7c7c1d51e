// The streaming JSON Lines reader: plain and gzip files (gzip recognised by its bytes, not its name), one entry per
// non-blank line with the line's physical number, and parse errors reported per line instead of thrown.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../src/errors.js';
import { countRecords, readJsonl, type JsonlEntry } from '../../../src/modules/import/index.js';
import { isGzipFile } from '../../../src/modules/import/text-source.js';

const dir = mkdtempSync(join(tmpdir(), 'ost-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function file(content: string | Buffer, name = `file-${++fileCount}.jsonl`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string, maxLineChars?: number): Promise<JsonlEntry[]> {
  const entries: JsonlEntry[] = [];
  for await (const entry of readJsonl(path, maxLineChars === undefined ? {} : { maxLineChars })) entries.push(entry);
  return entries;
}

const THREE_LINES = '{"a":1}\n{"a":2}\n{"a":3}\n';

describe('Import: readJsonl reads JSON Lines files', () => {
  it('yields each line of a plain file with its line number', async () => {
    expect(await readAll(file(THREE_LINES))).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { a: 2 } },
      { line: 3, value: { a: 3 } },
    ]);
  });

  it('reads a gzip file the same way', async () => {
    expect(await readAll(file(gzipSync(THREE_LINES), 'data.jsonl.gz'))).toEqual(await readAll(file(THREE_LINES)));
  });

  it('recognises gzip by its magic bytes, whatever the file is called', async () => {
    const disguised = file(gzipSync(THREE_LINES), 'not-compressed.jsonl');
    const named = file('{"a":1}\n', 'plain-but-called.jsonl.gz');
    expect(await isGzipFile(disguised)).toBe(true);
    expect(await isGzipFile(named)).toBe(false);
    expect((await readAll(disguised)).map((e) => ('value' in e ? e.value : e.error))).toEqual([
      { a: 1 },
      { a: 2 },
      { a: 3 },
    ]);
    expect(await readAll(named)).toEqual([{ line: 1, value: { a: 1 } }]);
  });

  it('reads a gzip file made of several members (concatenated archives)', async () => {
    const path = file(Buffer.concat([gzipSync('{"a":1}\n'), gzipSync('{"a":2}\n')]));
    expect(await readAll(path)).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { a: 2 } },
    ]);
  });

  it('reports a line that is not JSON with its number and goes on with the next line', async () => {
    const entries = await readAll(file('{"a":1}\n{"a":\n{"a":3}\n'));
    expect(entries[0]).toEqual({ line: 1, value: { a: 1 } });
    expect(entries[1]).toMatchObject({ line: 2, error: expect.stringMatching(/^not valid JSON: /) });
    expect(entries[2]).toEqual({ line: 3, value: { a: 3 } });
  });

  it('accepts CRLF line endings', async () => {
    expect(await readAll(file('{"a":1}\r\n{"b":"x"}\r\n'))).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { b: 'x' } },
    ]);
  });

  it('skips empty and whitespace-only lines but keeps counting them', async () => {
    expect(await readAll(file('\n{"a":1}\n\n   \t\n{"a":5}\n\n'))).toEqual([
      { line: 2, value: { a: 1 } },
      { line: 5, value: { a: 5 } },
    ]);
  });

  it('reads a final line that has no newline', async () => {
    expect(await readAll(file('{"a":1}\n{"a":2}'))).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { a: 2 } },
    ]);
  });

  it('ignores a UTF-8 byte-order mark and keeps multi-byte characters intact', async () => {
    const text = '\uFEFF{"name":"ünïcødé ✓ 日本"}\n';
    expect(await readAll(file(text))).toEqual([{ line: 1, value: { name: 'ünïcødé ✓ 日本' } }]);
    expect(await readAll(file(gzipSync(text)))).toEqual([{ line: 1, value: { name: 'ünïcødé ✓ 日本' } }]);
  });

  it('reports an over-long line without buffering it, and reads the lines after it', async () => {
    const entries = await readAll(file(`{"a":1}\n{"long":"${'x'.repeat(5_000)}"}\n{"a":3}\n`), 1_000);
    expect(entries).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, error: 'line is longer than 1000 characters' },
      { line: 3, value: { a: 3 } },
    ]);
  });

  it('streams a large gzip file line by line', async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ i, pad: 'p'.repeat(i % 50) })).join('\n');
    const path = file(gzipSync(lines));
    let count = 0;
    let last: JsonlEntry | undefined;
    for await (const entry of readJsonl(path)) {
      count += 1;
      last = entry;
    }
    expect(count).toBe(50_000);
    expect(last).toEqual({ line: 50_000, value: { i: 49_999, pad: 'p'.repeat(49) } });
  });

  it('fails with BAD_USER_INPUT naming the file when a gzip file is truncated', async () => {
    const whole = gzipSync(THREE_LINES.repeat(100));
    const path = file(whole.subarray(0, whole.length - 20), 'truncated.jsonl.gz');
    const error = await readAll(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { file: path } });
    expect((error as AppError).message).toContain(path);
  });
});

describe('Import: countRecords counts what readJsonl will yield', () => {
  it('counts non-blank lines, including ones that are not JSON', async () => {
    expect(await countRecords(file('{"a":1}\n\nnot json\r\n{"a":2}'))).toBe(3);
  });

  it('counts the lines of a gzip file', async () => {
    expect(await countRecords(file(gzipSync(THREE_LINES)))).toBe(3);
  });

  it('counts an empty file as zero', async () => {
    expect(await countRecords(file(''))).toBe(0);
  });
});
