// Recording a new run on behalf of someone: who started it is kept with the run (members may cancel only their
// own), and a user may hold at most PIPELINE_MAX_ACTIVE_RUNS_PER_USER runs queued or running at once, so one
// caller cannot fill the workers (five importSample calls used to start five parallel imports). The count and the
// insert run under a per-user advisory lock: concurrent submissions cannot both slip under the cap.
import { actorName, type Actor } from '../../access/index.js';
import { AppError, ErrorCode } from '../../errors.js';
import type { Prisma, PrismaClient, PipelineRun as PipelineRunRow } from '../../generated/prisma/client.js';
import type { ActivityEventPayload } from '../../infra/pubsub/index.js';
import { recordActivity } from '../events/index.js';
import type { PipelineKind } from './pipeline-run.record.js';

/** What a caller at the cap is told to wait before trying again (runs take seconds to minutes). */
const CAP_RETRY_AFTER_SECONDS = 30;

export async function insertRun(
  prisma: PrismaClient,
  kind: PipelineKind,
  params: Record<string, unknown>,
  startedBy: Actor,
  maxActivePerUser: number,
): Promise<{ run: PipelineRunRow; recorded: ActivityEventPayload[] }> {
  const data = { kind, params: params as Prisma.InputJsonValue, startedBy: actorName(startedBy) };
  // The run and its activity event ("pipelineRun.started") are one transaction: both or neither.
  const createWithEvent = async (tx: Prisma.TransactionClient) => {
    const run = await tx.pipelineRun.create({ data });
    const recorded = await recordActivity(tx, [
      { type: 'pipelineRun.started', actor: startedBy, subject: `pipelineRun:${run.id}`, payload: { kind, params } },
    ]);
    return { run, recorded };
  };
  if (startedBy.kind !== 'user') return prisma.$transaction(createWithEvent);
  const login = startedBy.login;
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`pipeline-runs:${login.toLowerCase()}`}))`;
    const active = await tx.pipelineRun.count({
      where: { startedBy: login, status: { in: ['QUEUED', 'RUNNING'] } },
    });
    if (active >= maxActivePerUser) {
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        `${login} already has ${active} pipeline run(s) queued or running (at most ${maxActivePerUser}): wait for ` +
          'one to end or cancel one (cancelPipelineRun)',
        { retryAfter: CAP_RETRY_AFTER_SECONDS, activeRuns: active, limit: maxActivePerUser },
      );
    }
    return createWithEvent(tx);
  });
}
