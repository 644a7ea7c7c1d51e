// The catalog and its contributions as dense arrays, for scoring every repository for a user at once: repositories
// and users are numbered 0..n-1; contributions are adjacency lists both ways. Built from the data files (offline
// evaluation) or, later, from the database (the RECOMMEND pipeline): the signals only see this shape.
export interface RepositoryFacts {
  fullName: string;
  owner: string;
  name: string;
  description: string | null;
  language: string | null;
  topics: readonly string[];
  stars: number;
  /** Last push (or update) as epoch milliseconds; null when unknown. */
  pushedAt: number | null;
}

export interface InteractionData {
  repos: readonly RepositoryFacts[];
  users: readonly string[];
  /** Repository indices each user contributed to. */
  userRepos: readonly (readonly number[])[];
  /** User indices contributing to each repository. */
  repoUsers: readonly (readonly number[])[];
}

/** Builds the adjacency both ways from (user, repository) pairs; duplicates are kept once. */
export function buildInteractionData(
  repos: readonly RepositoryFacts[],
  pairs: Iterable<{ user: string; repo: string }>,
): InteractionData {
  const repoIndex = new Map(repos.map((repo, i) => [repo.fullName.toLowerCase(), i]));
  const userIndex = new Map<string, number>();
  const users: string[] = [];
  const userRepos: Set<number>[] = [];
  for (const { user, repo } of pairs) {
    const r = repoIndex.get(repo.toLowerCase());
    if (r === undefined) continue;
    let u = userIndex.get(user.toLowerCase());
    if (u === undefined) {
      u = users.length;
      userIndex.set(user.toLowerCase(), u);
      users.push(user);
      userRepos.push(new Set());
    }
    userRepos[u]!.add(r);
  }
  const repoUsers: number[][] = repos.map(() => []);
  const lists = userRepos.map((set) => [...set].sort((a, b) => a - b));
  lists.forEach((list, u) => list.forEach((r) => repoUsers[r]!.push(u)));
  return { repos, users, userRepos: lists, repoUsers };
}
