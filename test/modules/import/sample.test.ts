// The shipped sample (data/sample/) imports cleanly into an empty database and yields exactly the row counts its
// README states; importing it again changes nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { ImportService, type ImportSummary } from '../../../src/modules/import/index.js';
import { backendName, openTestDatabase, type TestDatabase } from '../../support/backends.js';
import { rowCounts } from './fixtures.js';
import { RecordingProgress } from './progress.fake.js';

const SAMPLE_DIR = new URL('../../../data/sample/', import.meta.url).pathname;

/** The "Rows after importing into an empty database" table of data/sample/README.md. */
function expectedRows(): Record<string, number> {
  const readme = readFileSync(`${SAMPLE_DIR}README.md`, 'utf8');
  const section = /## Rows after importing into an empty database\n([\s\S]*?)(?:\n## |$)/.exec(readme)?.[1] ?? '';
  const rows = [...section.matchAll(/^\| `(\w+)` \| ([\d,]+) \|$/gm)].map((m) => [
    m[1],
    Number(m[2]?.replaceAll(',', '')),
  ]);
  if (rows.length !== 4)
    throw new Error('data/sample/README.md: expected a table of four row counts (run scripts/make-sample.ts)');
  return Object.fromEntries(rows) as Record<string, number>;
}

describe(`Import: the shipped sample on ${backendName}`, () => {
  let test: TestDatabase;
  let importer: ImportService;
  let first: ImportSummary;
  const progress = new RecordingProgress();

  beforeAll(async () => {
    test = await openTestDatabase();
    importer = new ImportService({ db: test.db, logger: createLogger('silent') });
    first = await importer.importSample(SAMPLE_DIR, progress);
  });
  afterAll(async () => {
    await test?.close();
  });

  it('imports every line of every file, rejecting none', () => {
    expect(first.totals.rejected).toBe(0);
    expect(first.totals.duplicates).toBe(0);
    expect(first.totals.inserted).toBe(first.totals.read);
    expect(progress.stages.map((s) => s.name)).toEqual(['topics', 'users', 'repositories', 'contributions']);
    for (const stage of progress.stages) expect(stage.advanced).toBe(stage.total);
  });

  it('gives the row counts stated in data/sample/README.md', async () => {
    expect(await rowCounts(test.db.sql)).toEqual(expectedRows());
    const [featured] = await test.db.sql.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM topics WHERE featured',
    );
    expect(featured?.count).toBe(first.files.find((f) => f.kind === 'topics')?.read);
  });

  it('changes nothing when imported again', async () => {
    const again = await importer.importSample(SAMPLE_DIR);
    expect(again.totals).toMatchObject({ inserted: 0, updated: 0, rejected: 0, unchanged: first.totals.read });
    expect(await rowCounts(test.db.sql)).toEqual(expectedRows());
  });
});
