// Users' vectors: the mean of their repositories' vectors with their own text (name, bio, company) added at a
// quarter weight, normalised (vectors.ts). Written only where the encoder or the inputs changed: the hash covers
// the own text and the content hashes of the profile's vectors, so an unchanged user costs no write.
import { createHash } from 'node:crypto';
import type { SqlDriver } from '../../../infra/db/database.js';
import type { ProgressReporter } from '../../pipeline/index.js';
import { toVectorLiteral, type TextEmbedder } from '../embeddings/text-embedder.js';
import type { CatalogSnapshot } from './catalog-snapshot.js';
import { userVector } from './vectors.js';

const PAGE = 2_000;

interface UserRow {
  id: number;
  name: string | null;
  bio: string | null;
  company: string | null;
  embedding_version: string | null;
  embedding_hash: string | null;
}

export interface UserEmbedSummary {
  users: number;
  embedded: number;
  unchanged: number;
}

export async function embedUsers(
  sql: SqlDriver,
  embedder: TextEmbedder,
  snapshot: CatalogSnapshot,
  progress: ProgressReporter,
): Promise<UserEmbedSummary> {
  const summary: UserEmbedSummary = { users: snapshot.userIds.length, embedded: 0, unchanged: 0 };
  progress.setTotal(snapshot.userIds.length);
  const ids = [...snapshot.userIds].sort((a, b) => a - b);
  for (let start = 0; start < ids.length; start += PAGE) {
    progress.signal.throwIfAborted();
    const page = ids.slice(start, start + PAGE);
    const rows = await sql.query<UserRow>(
      `SELECT id, name, bio, company, embedding_version, embedding_hash FROM users WHERE id = ANY($1::int[])`,
      [page],
    );
    const changed = rows
      .map((row) => {
        const text = [row.name, row.bio, row.company].filter(Boolean).join(' ');
        const profile = snapshot.data.userRepos[snapshot.userIndex.get(row.id)!]!;
        const hash = createHash('sha256')
          .update(text)
          .update(profile.map((j) => snapshot.embeddingHashes[j] ?? '-').join(','))
          .digest('base64url')
          .slice(0, 22);
        return { row, text, profile, hash };
      })
      .filter(({ row, hash }) => row.embedding_hash !== hash || row.embedding_version !== embedder.version);
    summary.unchanged += rows.length - changed.length;
    if (changed.length > 0) {
      const own = await embedder.embed(changed.map(({ text }) => ({ text })));
      const literals = changed.map(({ profile }, i) => {
        const vector = userVector(
          profile.map((j) => snapshot.vectors[j]),
          own[i] ?? null,
        );
        return vector ? toVectorLiteral(vector) : '';
      });
      await sql.query(
        `UPDATE users u SET embedding = NULLIF(v.embedding, '')::vector, embedding_version = $4, embedding_hash = v.hash
           FROM unnest($1::int[], $2::text[], $3::text[]) AS v(id, embedding, hash) WHERE u.id = v.id`,
        [changed.map(({ row }) => row.id), literals, changed.map(({ hash }) => hash), embedder.version],
      );
      summary.embedded += changed.length;
    }
    progress.advance(page.length);
  }
  return summary;
}
