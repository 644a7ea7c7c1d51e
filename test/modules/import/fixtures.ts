// Paths of the fixture files, and small helpers to write variants of them for one test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { SqlDriver } from '../../../src/infra/db/index.js';
import type { ImportFiles } from '../../../src/modules/import/index.js';

const FIXTURES = new URL('../../fixtures/import/', import.meta.url).pathname;

export const fixture = (name: string): string => join(FIXTURES, name);

export const ALL_FIXTURES = {
  topics: fixture('topics.jsonl'),
  users: fixture('users.jsonl'),
  repos: fixture('repos.jsonl'),
  provenance: fixture('provenance.jsonl'),
  contributions: fixture('contributions.jsonl'),
} as const satisfies ImportFiles;

const scratch = mkdtempSync(join(tmpdir(), 'ost-import-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true })); // registered in each test file importing this
let written = 0;

/** A JSON Lines file holding these values (or raw lines, when strings), in a scratch directory. */
export function jsonlFile(lines: readonly unknown[]): string {
  const path = join(scratch, `lines-${++written}.jsonl`);
  writeFileSync(path, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'));
  return path;
}

export async function rowCounts(sql: SqlDriver) {
  const [row] = await sql.query<Record<'users' | 'repositories' | 'topics' | 'contributions', number>>(
    `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM repositories) AS repositories,
            (SELECT count(*)::int FROM topics) AS topics, (SELECT count(*)::int FROM contributions) AS contributions`,
  );
  return row;
}

export async function emptyCatalog(sql: SqlDriver): Promise<void> {
  await sql.exec('TRUNCATE contributions, repositories, users, topics RESTART IDENTITY CASCADE');
}
