// IngestService over the test database and a fake GitHub (test/support/fake-github.ts), with runs recorded by a
// real PipelineService, plus readers of what landed in the tables.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createGithubApi } from '../../../src/infra/github/index.js';
import { createMemoryPubSub } from '../../../src/infra/pubsub/index.js';
import { createLogger } from '../../../src/logger.js';
import {
  IngestService,
  parseIngestRequest,
  requestParams,
  type IngestSummary,
} from '../../../src/modules/ingest/index.js';
import { PipelineService, type PipelineRunRecord } from '../../../src/modules/pipeline/index.js';
import { openTestDatabase, type TestDatabase } from '../../support/backends.js';
import { FakeGithub } from '../../support/fake-github.js';
import { TEST_ACTOR } from '../../support/app.js';

const logger = createLogger('silent');

export interface IngestOutcome {
  run: PipelineRunRecord;
  summary: IngestSummary | undefined;
}

export interface ServiceOptions {
  token?: string | undefined;
  maxWait?: number;
  batchSize?: number;
}

export class IngestHarness {
  test!: TestDatabase;
  github!: FakeGithub;
  pipeline!: PipelineService;

  /** Registers the suite's hooks: one database per file, a fresh fake GitHub and empty tables per test. */
  static install(): IngestHarness {
    const harness = new IngestHarness();
    beforeAll(async () => {
      harness.test = await openTestDatabase();
      harness.pipeline = new PipelineService({
        prisma: harness.test.db.prisma,
        pubsub: createMemoryPubSub(),
        logger,
        flushIntervalMs: 5,
      });
    });
    afterAll(async () => {
      await harness.pipeline?.shutdown();
      await harness.test?.close();
    });
    beforeEach(async () => {
      harness.github = await FakeGithub.start();
      await harness.test.db.sql.exec(
        'TRUNCATE contributions, repositories, users, topics, github_etags, pipeline_runs RESTART IDENTITY CASCADE',
      );
    });
    afterEach(async () => {
      await harness.github.close();
    });
    return harness;
  }

  service(options: ServiceOptions = {}): IngestService {
    const github = createGithubApi(
      {
        GITHUB_TOKEN: 'token' in options ? options.token : 'ghp_valid',
        GITHUB_API_URL: this.github.url,
        GITHUB_MAX_RATE_LIMIT_WAIT_SECONDS: options.maxWait ?? 300,
      },
      this.test.db.sql,
      logger,
      { waitUnitMs: 1 },
    );
    const service = new IngestService({
      db: this.test.db,
      pipeline: this.pipeline,
      github,
      logger,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    // As the composition root does with the module's `handlers`: runs of this kind execute with this service.
    this.pipeline.registerHandler('GITHUB_INGEST', (params, run) => service.runFromParams(params, run));
    return service;
  }

  /** Runs an ingestion as a recorded GITHUB_INGEST run, as the CLI does; resolves when it ended. */
  async ingest(input: Record<string, unknown>, options: ServiceOptions = {}): Promise<IngestOutcome> {
    const service = this.service(options);
    const request = parseIngestRequest(input);
    const created = await this.pipeline.create('GITHUB_INGEST', requestParams(request), TEST_ACTOR);
    let summary: IngestSummary | undefined;
    const run = await this.pipeline.execute(created.id, async (context) => {
      summary = await service.ingest(request, context);
      return { ...summary };
    });
    return { run, summary };
  }

  async repositories() {
    return this.test.db.sql.query<{
      full_name: string;
      owner: string;
      stars: number;
      topics: string[];
      languages: Record<string, number> | null;
      license: string | null;
      github_id: string | null;
    }>(
      `SELECT r.full_name, u.login AS owner, r.stars, r.topics, r.languages, r.license, r.github_id::text AS github_id
       FROM repositories r JOIN users u ON u.id = r.owner_id ORDER BY lower(r.full_name) COLLATE "C"`,
    );
  }

  async users() {
    return this.test.db.sql.query<{ login: string; type: string; name: string | null; followers: number | null }>(
      'SELECT login, type::text AS type, name, followers FROM users ORDER BY lower(login) COLLATE "C"',
    );
  }

  async contributions() {
    return this.test.db.sql.query<{ login: string; full_name: string; weight: number }>(
      `SELECT u.login, r.full_name, c.weight FROM contributions c JOIN users u ON u.id = c.user_id
       JOIN repositories r ON r.id = c.repository_id ORDER BY lower(r.full_name) COLLATE "C", lower(u.login) COLLATE "C"`,
    );
  }

  async etagKeys(): Promise<string[]> {
    const rows = await this.test.db.sql.query<{ key: string }>('SELECT key FROM github_etags ORDER BY key COLLATE "C"');
    return rows.map((row) => row.key);
  }
}
