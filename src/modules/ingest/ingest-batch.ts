// One transaction's worth of ingestion: the users, repositories and contributions made from a few repositories'
// responses, and those responses' validators (ETags). Written in dependency order (users → repositories →
// contributions) by the import's writers, in one transaction with the validators: a batch lands whole or not at
// all, and a validator is saved only when every record of its response was written, so a later 304 never hides
// a record that was rejected or lost.
import type { Database } from '../../infra/db/index.js';
import type { GithubApi, Validators } from '../../infra/github/index.js';
import {
  contributionsKind,
  nameKey,
  repositoriesKind,
  usersKind,
  type BatchOutcome,
  type ContributionRecord,
  type NumberedRecord,
  type RecordKind,
  type RepositoryRecord,
  type UserRecord,
} from '../import/index.js';
import type { IngestKind, IngestRejection, IngestTally } from './ingest-summary.js';

interface Entry<R> {
  readonly record: R;
  /** Which record, for reports. */
  readonly item: string;
  /** The requests whose responses it was made from. */
  readonly requests: readonly string[];
}

interface Written {
  readonly kind: IngestKind;
  readonly outcome: BatchOutcome;
  readonly rejections: IngestRejection[];
  /** Every request a rejected record came from. */
  readonly spoiled: string[];
}

export class IngestBatch {
  private readonly users = new Map<string, Entry<UserRecord> & { readonly profile: boolean }>();
  private readonly repositories = new Map<string, Entry<RepositoryRecord>>();
  private readonly contributions = new Map<string, Entry<ContributionRecord>>();
  private readonly validators: Validators[] = [];

  /** Repositories added so far (the batch's size). */
  get size(): number {
    return this.repositories.size;
  }

  get isEmpty(): boolean {
    return this.users.size + this.repositories.size + this.contributions.size + this.validators.length === 0;
  }

  /** A whole profile replaces a summary (login and type) of the same user; a summary never replaces a profile. */
  addUser(record: UserRecord, item: string, request: string, profile: boolean): void {
    const key = nameKey(record.login);
    if (!profile && this.users.get(key)?.profile) return;
    this.users.set(key, { record, item, requests: [request], profile });
  }

  addRepository(record: RepositoryRecord, requests: readonly string[]): void {
    this.repositories.set(nameKey(record.fullName), { record, item: record.fullName, requests });
  }

  addContribution(record: ContributionRecord, item: string, request: string): void {
    this.contributions.set(`${nameKey(record.user)} ${nameKey(record.repo)}`, { record, item, requests: [request] });
  }

  /** Validators to save with this batch (for responses whose records were all added to it). */
  addValidators(validators: Validators): void {
    this.validators.push(validators);
  }

  /** Writes the batch in one transaction; counts and rejections reach `tally` only once it is committed. */
  async write(db: Database, github: GithubApi, tally: IngestTally): Promise<void> {
    if (this.isEmpty) return;
    let written: Written[];
    try {
      written = await db.sql.transaction(async (tx) => {
        const results = [
          await writeKind(tx, 'users', usersKind, [...this.users.values()]),
          await writeKind(tx, 'repositories', repositoriesKind, [...this.repositories.values()]),
          await writeKind(tx, 'contributions', contributionsKind, [...this.contributions.values()]),
        ];
        // A record the writers refused: its responses' validators are not saved, so the next run asks again.
        const spoiled = new Set(results.flatMap((result) => result.spoiled));
        await github.saveValidators(
          tx,
          this.validators.filter((v) => !spoiled.has(v.key)),
        );
        return results;
      });
    } catch (error) {
      const names = [...this.repositories.values()].map((entry) => entry.item);
      const which =
        names.length > 0 ? ` of repositories ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}` : '';
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`the batch${which} was not written: ${reason}`, { cause: error });
    }
    for (const { kind, outcome, rejections } of written) {
      tally.written(kind, outcome);
      for (const rejection of rejections) tally.reject(rejection);
      if (kind === 'repositories') tally.topicsCreated += outcome.derived?.topics ?? 0;
    }
  }
}

/** Writes one kind through the import's writer; the writer's per-record refusals become rejections. */
async function writeKind<R>(
  tx: Parameters<RecordKind<R>['write']>[0],
  kind: IngestKind,
  writer: RecordKind<R>,
  entries: readonly Entry<R>[],
): Promise<Written> {
  if (entries.length === 0) {
    return { kind, outcome: { inserted: 0, updated: 0, unchanged: 0, rejected: [] }, rejections: [], spoiled: [] };
  }
  const rows: NumberedRecord<R>[] = entries.map((entry, line) => ({ line, record: entry.record }));
  const outcome = await writer.write(tx, rows);
  const refused = outcome.rejected.flatMap(({ line, reason }) => {
    const entry = entries[line];
    return entry ? [{ entry, reason }] : [];
  });
  return {
    kind,
    outcome,
    rejections: refused.map(({ entry, reason }) => ({
      kind,
      item: entry.item,
      request: entry.requests[0] ?? '',
      reason,
    })),
    spoiled: refused.flatMap(({ entry }) => entry.requests),
  };
}
