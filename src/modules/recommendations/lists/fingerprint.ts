// When a user's list must be scored again. A list depends on the encoder and the ranker in use and on the user's
// neighbourhood: their repositories, each one's content (vector hash) and contributors. A re-run scores a user
// again when that fingerprint changed and copies the previous list otherwise, so a new contribution or an edited
// description re-scores the contributors of the repositories it touched, not ~98k users. What lies two hops away
// (a co-contributor's other repositories, a new repository of an owner the user contributes to) is refreshed by
// the next full run: `runRecommendations(full: true)`, a new encoder or a new ranker.
import { createHash } from 'node:crypto';
import type { CatalogSnapshot } from './catalog-snapshot.js';

export interface ScoringVersions {
  encoder: string;
  ranker: string;
}

export function userFingerprint(snapshot: CatalogSnapshot, user: number, versions: ScoringVersions): string {
  const { data, repoIds, embeddingHashes, userIds } = snapshot;
  const hash = createHash('sha256').update(`${versions.encoder}\n${versions.ranker}\n`);
  const profile = [...data.userRepos[user]!].sort((a, b) => repoIds[a]! - repoIds[b]!);
  for (const j of profile) {
    const contributors = data.repoUsers[j]!.map((u) => userIds[u]!).sort((a, b) => a - b);
    hash.update(`${repoIds[j]}:${embeddingHashes[j] ?? '-'}:${contributors.join(',')}\n`);
  }
  return hash.digest('base64url').slice(0, 22);
}
