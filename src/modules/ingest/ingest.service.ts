// GitHub ingestion as a pipeline run (kind GITHUB_INGEST): check the token and quota, list the repositories the
// request names, fetch each with what it needs, and write them batch by batch through the import's writers.
// Incremental: conditional requests make unchanged data free (GitHub's 304), and `refreshSince` / `incremental`
// skip repositories not pushed since. The run's work is the GITHUB_INGEST handler: whichever process executes it
// (this one, or a worker) reads the request back from the run's params. GraphQL-free; the resolver and the CLI
// adapt it.
import { authorize, type Actor } from '../../access/index.js';
import type { Database } from '../../infra/db/index.js';
import type { GithubApi } from '../../infra/github/index.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Logger } from '../../logger.js';
import type { PipelineRunRecord, PipelineService, ProgressReporter, RunHandle } from '../pipeline/index.js';
import {
  parseIngestRequest,
  requestFromParams,
  requestParams,
  sourceKey,
  type IngestRequest,
} from './ingest-request.js';
import { IngestRun } from './ingest-run.js';
import type { IngestSummary } from './ingest-summary.js';
import { repositoryCandidates } from './repository-source.js';
import { withCodeInMessage, withRunId } from './run-errors.js';

export interface IngestServiceOptions {
  readonly db: Database;
  readonly pipeline: PipelineService;
  readonly github: GithubApi;
  readonly logger: Logger;
  /** Repositories per transaction (default 25): a failure loses at most this much fetching, never rows. */
  readonly batchSize?: number;
}

export const DEFAULT_INGEST_BATCH_SIZE = 25;
const CLOCK_SKEW_MARGIN_MS = 60_000;

export class IngestService {
  private readonly db: Database;
  private readonly pipeline: PipelineService;
  private readonly github: GithubApi;
  private readonly logger: Logger;
  private readonly batchSize: number;

  constructor(options: IngestServiceOptions) {
    this.db = options.db;
    this.pipeline = options.pipeline;
    this.github = options.github;
    this.logger = options.logger.child({ module: 'ingest' });
    this.batchSize = options.batchSize ?? DEFAULT_INGEST_BATCH_SIZE;
  }

  /** The GITHUB_INGEST handler (registered at composition): a run's stored params, validated again here. */
  async runFromParams(params: unknown, run: RunHandle): Promise<Record<string, unknown>> {
    return { ...(await this.ingest(requestFromParams(params), run)) };
  }

  /**
   * Queues a run and returns it once GitHub has accepted the token: a refused token or a quota used up for too
   * long fails the call itself (UNAUTHENTICATED, RATE_LIMITED), with the run recorded as FAILED and its id in the
   * error's details. GitHub is asked here, before queueing, so the caller hears of it at once whichever process
   * then executes the run (which checks again as its first stage).
   */
  async start(input: unknown, actor: Actor): Promise<PipelineRunRecord> {
    authorize(actor, 'ingest.start');
    const request = parseIngestRequest(input);
    await this.checkAccessBeforeQueueing(request, actor);
    return this.pipeline.submit('GITHUB_INGEST', requestParams(request), actor);
  }

  private async checkAccessBeforeQueueing(request: IngestRequest, actor: Actor): Promise<void> {
    let refusal: unknown;
    try {
      await this.github.checkAccess();
      return;
    } catch (error) {
      refusal = error;
    }
    // Recorded like a run refused at its check stage, so the run history shows the attempt and why it failed.
    const run = await this.pipeline.create('GITHUB_INGEST', requestParams(request), actor);
    await this.pipeline.execute(run.id, async (progress) => {
      await progress.stage('check', 1);
      throw withCodeInMessage(refusal);
    });
    throw withRunId(refusal, run.id);
  }

  /** Ingests as the run `progress` reports to. Errors carry their code in their message (see run-errors.ts). */
  async ingest(request: IngestRequest, progress: ProgressReporter): Promise<IngestSummary> {
    try {
      return await this.ingestUnchecked(request, progress);
    } catch (error) {
      throw withCodeInMessage(error);
    }
  }

  private async ingestUnchecked(request: IngestRequest, progress: ProgressReporter): Promise<IngestSummary> {
    const started = performance.now();
    await progress.plan?.(['check', 'repositories']);
    await progress.stage('check', 1);
    const access = await this.github.checkAccess({ signal: progress.signal });
    progress.advance(1);
    const since = await this.since(request);
    const run = new IngestRun({
      db: this.db,
      github: this.github,
      request,
      since,
      signal: progress.signal,
      batchSize: this.batchSize,
    });
    if (!access.authenticated) {
      const warning =
        'GITHUB_TOKEN is not set: GitHub was asked unauthenticated, which allows 60 requests an hour; set ' +
        'GITHUB_TOKEN for 5000';
      run.tally.warnings.push(warning);
      this.logger.warn(warning);
    }

    await progress.stage('repositories', null);
    let processed = 0;
    const candidates = repositoryCandidates({ run, request, since, onTotal: (total) => progress.setTotal(total) });
    for await (const candidate of candidates) {
      await run.repository(candidate);
      processed += 1;
      progress.advance(1);
    }
    await run.flush();
    progress.setTotal(processed); // an estimate (an owner's public repositories, a search's count) becomes exact

    const summary = run.tally.summary(
      { source: request.source, refreshSince: since?.toISOString() ?? null, authenticated: access.authenticated },
      performance.now() - started,
    );
    const { rejections: _rejections, ...logged } = summary;
    this.logger.info(logged, 'GitHub ingestion finished');
    return summary;
  }

  /**
   * The refresh cursor, in whole seconds (GitHub's `pushed_at` has no milliseconds: a push in the same second as
   * the cursor must count as after it). `incremental` takes the start of the last successful run of the same
   * source, less a margin for the difference between GitHub's clock and ours: re-reading a repository pushed
   * just before costs little, missing one would last until it is pushed again.
   */
  private async since(request: IngestRequest): Promise<Date | null> {
    const wholeSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);
    if (request.refreshSince) return wholeSeconds(request.refreshSince.getTime());
    if (!request.incremental) return null;
    const lastStart = await this.lastRunStart(request);
    return lastStart && wholeSeconds(lastStart.getTime() - CLOCK_SKEW_MARGIN_MS);
  }

  /** When the last successful run of the same source started: what it saw is stored, so later pushes matter. */
  private async lastRunStart(request: IngestRequest): Promise<Date | null> {
    const prisma: PrismaClient = this.db.prisma;
    const last = await prisma.pipelineRun.findFirst({
      where: {
        kind: 'GITHUB_INGEST',
        status: 'SUCCEEDED',
        params: { path: ['sourceKey'], equals: sourceKey(request.source) },
      },
      orderBy: { startedAt: 'desc' },
      select: { startedAt: true },
    });
    return last?.startedAt ?? null;
  }
}
