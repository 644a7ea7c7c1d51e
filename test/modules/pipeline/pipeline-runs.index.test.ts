// The common run filters are served by the table's indexes, (kind, created_at DESC) and (status, created_at): EXPLAIN
// of the very statements `pipelineRuns` sends, on 5,000 analysed runs that are mostly finished, as in a real
// deployment (a dashboard asks for the few live ones). As in test/modules/catalog/search-index.test.ts, plans are
// taken with `SET LOCAL enable_seqscan = off`: on tables this small a sequential scan is rightly cheaper, and the
// setting forbids nothing else (the primary key's index could still be walked and every run tested).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../../../src/generated/prisma/client.js';
import type { SqlDriver } from '../../../src/infra/db/index.js';
import { encodeKey } from '../../../src/lib/keyset/index.js';
import { pageSql } from '../../../src/lib/keyset/page-query.js';
import {
  PIPELINE_RUN_ORDERING,
  pipelineRunListQuery,
  pipelineRunSource,
  type PipelineRunListRequest,
} from '../../../src/modules/pipeline/pipeline-runs.query.js';
import { backendName, openTestDatabase, type TestDatabase } from '../../support/backends.js';

const ROWS = 5_000;

async function explain(sql: SqlDriver, statement: Prisma.Sql): Promise<string> {
  return sql.transaction(async (tx) => {
    await tx.exec('SET LOCAL enable_seqscan = off');
    const rows = await tx.query<Record<string, string>>(`EXPLAIN ${statement.text}`, statement.values);
    return rows.map((row) => Object.values(row)[0]).join('\n');
  });
}

describe(`pipelineRuns (${backendName}): filters read the run indexes`, () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase();
    // One run in 100 is live (RUNNING or QUEUED); kinds rotate over four.
    await test.db.sql.exec(`
      INSERT INTO pipeline_runs (kind, status, created_at)
        SELECT (ARRAY['IMPORT', 'TRAIN', 'EMBED', 'GITHUB_INGEST'])[1 + g % 4]::pipeline_kind,
               (CASE WHEN g % 200 = 0 THEN 'RUNNING' WHEN g % 200 = 100 THEN 'QUEUED'
                     WHEN g % 7 = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END)::pipeline_status,
               timestamp '2026-01-01' + g * interval '1 minute'
          FROM generate_series(1, ${ROWS}) g;
      ANALYZE pipeline_runs;
    `);
  });
  afterAll(() => test?.close());

  const statement = (request: PipelineRunListRequest) => {
    const query = pipelineRunListQuery(request);
    return pageSql(pipelineRunSource(query), query.plan);
  };

  it.each([
    ['live runs (two statuses)', { first: 20, status: ['RUNNING', 'QUEUED'] }],
    ['one status, paging back', { last: 20, status: ['RUNNING'] }],
    ['a status and a creation window', { first: 20, status: ['QUEUED'], createdAfter: new Date('2026-01-02') }],
  ] as const)('%s: the (status, created_at) index', async (_name, request) => {
    const plan = await explain(test.db.sql, statement(request));
    expect(plan).toMatch(
      /(Index (Only )?Scan( Backward)? using|Bitmap Index Scan on) pipeline_runs_status_created_at_idx/,
    );
  });

  it('one kind: the (kind, created_at DESC) index', async () => {
    const plan = await explain(test.db.sql, statement({ first: 20, kind: 'TRAIN' }));
    expect(plan).toMatch(
      /(Index (Only )?Scan( Backward)? using|Bitmap Index Scan on) pipeline_runs_kind_created_at_idx/,
    );
  });

  it('a kind after a cursor: the same index, read from the cursor on', async () => {
    const after = encodeKey(PIPELINE_RUN_ORDERING, [new Date('2026-01-03T00:00:00.000Z'), randomUUID()]);
    const plan = await explain(test.db.sql, statement({ first: 20, after, kind: 'TRAIN' }));
    expect(plan).toMatch(
      /(Index (Only )?Scan( Backward)? using|Bitmap Index Scan on) pipeline_runs_kind_created_at_idx/,
    );
  });

  it('live runs: the statement finds exactly the 50 of 5,000', async () => {
    const query = pipelineRunListQuery({ take: 100, status: ['RUNNING', 'QUEUED'] });
    const rows = await test.db.prisma.$queryRaw<Array<{ status: string }>>(
      pageSql(pipelineRunSource(query), query.plan),
    );
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['RUNNING', 'QUEUED']));
  });
});
