// The full data set (../shared/data) in a benchmark's PostgreSQL database, imported on first use.
import type { App } from '../src/compose.js';
import { silentProgress } from '../src/modules/import/index.js';

export const FULL_DATA = '../shared/data';

/** Imports the full data set unless the catalog already holds it; resolves the repositories it holds before. */
export async function ensureFullCatalog(app: App): Promise<number> {
  const [row] = await app.db.sql.query<{ count: number }>('SELECT count(*)::int AS count FROM repositories');
  const count = row?.count ?? 0;
  if (count < 40_000) {
    console.log(`importing ${FULL_DATA} (the catalog holds ${count} repositories)`);
    await app.modules.get('import').importer.importFiles(
      {
        topics: `${FULL_DATA}/topics.jsonl.gz`,
        users: `${FULL_DATA}/users.jsonl.gz`,
        repos: `${FULL_DATA}/repos.jsonl.gz`,
        provenance: `${FULL_DATA}/repos_provenance.jsonl.gz`,
        contributions: `${FULL_DATA}/interactions.jsonl.gz`,
      },
      silentProgress(),
    );
  }
  return count;
}
