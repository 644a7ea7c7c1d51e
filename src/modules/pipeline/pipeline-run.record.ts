// The stored shape of a run and its JSON-safe snapshot (what pubsub carries between processes).
import type { PipelineRunSnapshot } from '../../infra/pubsub/index.js';
import type { PipelineRun as PipelineRunRow } from '../../generated/prisma/client.js';
import type { StageRecord } from './stages.js';

export type PipelineRunRecord = Omit<PipelineRunRow, 'stages'> & { stages: StageRecord[] };

export const PIPELINE_KINDS = ['IMPORT', 'GITHUB_INGEST', 'EMBED', 'SCORE', 'PUBLISH', 'RECOMMEND', 'TRAIN'] as const;
export type PipelineKind = (typeof PIPELINE_KINDS)[number];
export const PIPELINE_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export function fromRow(row: PipelineRunRow): PipelineRunRecord {
  return { ...row, stages: Array.isArray(row.stages) ? (row.stages as unknown as StageRecord[]) : [] };
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toSnapshot(run: PipelineRunRecord): PipelineRunSnapshot {
  return {
    ...run,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    heartbeatAt: iso(run.heartbeatAt),
    finishedAt: iso(run.finishedAt),
    cancelRequestedAt: iso(run.cancelRequestedAt),
  };
}

const date = (value: string | null) => (value ? new Date(value) : null);

export function fromSnapshot(snapshot: PipelineRunSnapshot): PipelineRunRecord {
  return {
    ...(snapshot as unknown as PipelineRunRecord),
    stages: Array.isArray(snapshot.stages) ? (snapshot.stages as StageRecord[]) : [],
    createdAt: new Date(snapshot.createdAt),
    startedAt: date(snapshot.startedAt),
    heartbeatAt: date(snapshot.heartbeatAt),
    finishedAt: date(snapshot.finishedAt),
    cancelRequestedAt: date(snapshot.cancelRequestedAt ?? null),
    cancelReason: snapshot.cancelReason ?? null,
    plannedStages: snapshot.plannedStages ?? [],
    startedBy: snapshot.startedBy ?? null,
  };
}
