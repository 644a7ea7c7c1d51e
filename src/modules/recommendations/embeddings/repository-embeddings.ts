// Embeds the catalog's repositories in batches (keyset by id), skipping every row whose stored vector was made by
// the same encoder version from the same content (hash). Each batch is read, encoded and written on its own, so
// a stop or a cancel loses at most the batch in hand and a re-run continues where the content still differs.
// Vectors are also kept in the cache by (version, content hash): identical texts (forks, re-imports after a reset)
// are encoded once.
import type { SqlDriver } from '../../../infra/db/database.js';
import type { Cache } from '../../../infra/cache/index.js';
import type { ProgressReporter } from '../../pipeline/index.js';
import { contentHash, repositoryDocument } from './repository-document.js';
import { packVector, toVectorLiteral, unpackVector, type TextEmbedder } from './text-embedder.js';

export const DEFAULT_EMBED_BATCH = 500;
const CACHE_TTL_SECONDS = 24 * 3_600;

// Writing a vector updates the HNSW index row by row, which costs far more than encoding (89 s of a 42,687-row
// first embedding went to index maintenance). When most rows are to be (re)embedded (a first run, a new encoder),
// the index is dropped, the rows written, and the index built once at the end: readers meanwhile get exact scans
// (correct, slower). The build runs even when the run stops, and every run ends by making sure the index exists,
// so a process killed in between leaves it missing only until the next run.
const INDEX = '"repositories_embedding_hnsw_idx"';
const INDEX_DDL = `CREATE INDEX IF NOT EXISTS ${INDEX} ON "repositories" USING hnsw ("embedding" vector_cosine_ops)`;
const BULK_MIN_ROWS = 2_000;
const BULK_MIN_SHARE = 0.2;
/** Memory for the one index build (local to its transaction); pgvector builds in memory when the graph fits. */
const BUILD_MEMORY = '512MB';

interface RepositoryRow {
  id: number;
  name: string;
  description: string | null;
  topics: string[];
  language: string | null;
  embedding_version: string | null;
  embedding_hash: string | null;
}

export interface EmbedSummary {
  encoder: string;
  read: number;
  embedded: number;
  unchanged: number;
  /** Rows with nothing to encode (no name words, no description, no topics): their vector is cleared. */
  empty: number;
  fromCache: number;
  /** Whether the HNSW index was dropped and built once after the writes (most rows were stale). */
  indexRebuilt: boolean;
}

export interface EmbedOptions {
  sql: SqlDriver;
  cache: Cache;
  embedder: TextEmbedder;
  batchSize?: number;
  /** Stale rows from which the index is rebuilt once instead of row by row (default BULK_MIN_ROWS). */
  bulkMinRows?: number;
}

export async function embedRepositories(options: EmbedOptions, progress: ProgressReporter): Promise<EmbedSummary> {
  const { sql, embedder } = options;
  const batchSize = options.batchSize ?? DEFAULT_EMBED_BATCH;
  const summary: EmbedSummary = {
    encoder: embedder.version,
    read: 0,
    embedded: 0,
    unchanged: 0,
    empty: 0,
    fromCache: 0,
    indexRebuilt: false,
  };
  const [counts] = await sql.query<{ total: number; stale: number }>(
    `SELECT count(*)::int AS total, (count(*) FILTER (WHERE embedding_version IS DISTINCT FROM $1))::int AS stale
       FROM repositories`,
    [embedder.version],
  );
  progress.setTotal(counts?.total ?? 0);
  summary.indexRebuilt =
    (counts?.stale ?? 0) >= (options.bulkMinRows ?? BULK_MIN_ROWS) &&
    (counts?.stale ?? 0) >= BULK_MIN_SHARE * (counts?.total ?? 0);
  if (summary.indexRebuilt) await sql.query(`DROP INDEX IF EXISTS ${INDEX}`);
  try {
    await embedBatches(options, batchSize, summary, progress);
  } finally {
    await sql.transaction(async (tx) => {
      await tx.query(`SELECT set_config('maintenance_work_mem', $1, true)`, [BUILD_MEMORY]);
      await tx.query(INDEX_DDL);
    });
  }
  return summary;
}

async function embedBatches(
  { sql, cache, embedder }: EmbedOptions,
  batchSize: number,
  summary: EmbedSummary,
  progress: ProgressReporter,
): Promise<void> {
  let after = 0;
  for (;;) {
    progress.signal.throwIfAborted();
    const rows = await sql.query<RepositoryRow>(
      `SELECT id, name, description, topics, language, embedding_version, embedding_hash
         FROM repositories WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, batchSize],
    );
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    summary.read += rows.length;
    const changed = rows
      .map((row) => ({ row, document: repositoryDocument(row) }))
      .map((entry) => ({ ...entry, hash: contentHash(entry.document) }))
      .filter(({ row, hash }) => row.embedding_hash !== hash || row.embedding_version !== embedder.version);
    summary.unchanged += rows.length - changed.length;
    if (changed.length > 0) {
      const keys = changed.map(({ hash }) => `emb:${embedder.version}:${hash}`);
      const cached = await Promise.all(keys.map((key) => cache.get<string | null>(key).catch(() => undefined)));
      const missing = changed.filter((_, i) => cached[i] === undefined);
      const fresh = await embedder.embed(missing.map(({ document }) => document));
      const vectors = new Map<number, Float32Array | null>();
      missing.forEach(({ row }, i) => vectors.set(row.id, fresh[i] ?? null));
      changed.forEach(({ row }, i) => {
        const hit = cached[i];
        if (hit !== undefined) vectors.set(row.id, hit === null ? null : unpackVector(hit));
      });
      summary.fromCache += changed.length - missing.length;
      await sql.query(
        `UPDATE repositories r
            SET embedding = NULLIF(v.embedding, '')::vector, embedding_version = $4, embedding_hash = v.hash
           FROM unnest($1::int[], $2::text[], $3::text[]) AS v(id, embedding, hash)
          WHERE r.id = v.id`,
        [
          changed.map(({ row }) => row.id),
          changed.map(({ row }) => {
            const vector = vectors.get(row.id);
            return vector ? toVectorLiteral(vector) : '';
          }),
          changed.map(({ hash }) => hash),
          embedder.version,
        ],
      );
      for (const { row } of changed) {
        if (vectors.get(row.id)) summary.embedded += 1;
        else summary.empty += 1;
      }
      // After the write: a cache outage costs re-encoding later, never this batch.
      await Promise.all(
        missing.map(({ hash }, i) => {
          const vector = fresh[i];
          return cache
            .set(`emb:${embedder.version}:${hash}`, vector ? packVector(vector) : null, CACHE_TTL_SECONDS)
            .catch(() => undefined);
        }),
      );
    }
    progress.advance(rows.length);
  }
}
