// repositories.github_id is unique. A line giving a GitHub id that another repository already holds (or that an
// earlier line of the same batch gives to another repository) would make the database refuse the whole batch;
// such lines are rejected one by one instead, with the name of the repository that holds the id.
import type { SqlDriver } from '../../../infra/db/index.js';
import { nameKey } from '../github-names.js';

export interface GithubIdClaim {
  readonly line: number;
  readonly fullName: string;
  readonly githubId: string | null;
}

/** Reasons by line for the claims that cannot be stored. One query, only when some claim has an id. */
export async function githubIdConflicts(tx: SqlDriver, claims: readonly GithubIdClaim[]): Promise<Map<number, string>> {
  const conflicts = new Map<number, string>();
  const withId = claims.filter((claim): claim is GithubIdClaim & { githubId: string } => claim.githubId !== null);
  if (withId.length === 0) return conflicts;

  const holders = new Map<string, string>(); // github id → full name holding it
  const stored = await tx.query<{ github_id: string; full_name: string | null }>(
    `SELECT k.github_id, (SELECT full_name FROM repositories WHERE github_id = k.github_id::bigint) AS full_name
     FROM unnest($1::text[]) AS k(github_id)`,
    [[...new Set(withId.map((claim) => claim.githubId))]],
  );
  for (const row of stored) if (row.full_name !== null) holders.set(row.github_id, row.full_name);

  const claimedInBatch = new Map<string, GithubIdClaim>();
  for (const claim of withId) {
    const holder = holders.get(claim.githubId);
    const earlier = claimedInBatch.get(claim.githubId);
    if (holder !== undefined && nameKey(holder) !== nameKey(claim.fullName)) {
      conflicts.set(claim.line, `githubId: ${claim.githubId} already belongs to ${holder}`);
    } else if (earlier && nameKey(earlier.fullName) !== nameKey(claim.fullName)) {
      conflicts.set(
        claim.line,
        `githubId: ${claim.githubId} is also given to ${earlier.fullName} on line ${earlier.line}`,
      );
    } else {
      claimedInBatch.set(claim.githubId, claim);
    }
  }
  return conflicts;
}
