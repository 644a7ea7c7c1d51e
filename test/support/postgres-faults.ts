// What a PostgreSQL restart or failover does to clients, on demand: every connection to the test's database but
// the caller's own is terminated (pg_terminate_backend). Needs a real PostgreSQL.
import pg from 'pg';

/** Terminates every connection to the database at `url` but this one; resolves with how many there were. */
export async function dropConnections(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [rows.map((r) => r.pid)]);
    return rows.length;
  } finally {
    await admin.end();
  }
}
