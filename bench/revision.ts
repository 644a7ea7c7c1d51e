// Which code a benchmark measured: the commit, and whether src/ or prisma/ had uncommitted changes (other work in
// progress in the same checkout). Read-only git commands; "unknown" outside a git checkout.
import { execFileSync } from 'node:child_process';

const git = (...args: string[]) =>
  execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

export function revision(): string {
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    const changed = git('diff', '--name-only', 'HEAD', '--', 'src', 'prisma');
    const untracked = git('ls-files', '--others', '--exclude-standard', '--', 'src', 'prisma');
    return changed || untracked ? `${commit} + uncommitted changes in src/ or prisma/` : commit;
  } catch {
    return 'unknown revision';
  }
}
