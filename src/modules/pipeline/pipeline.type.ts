import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import type { PipelineRunRecord } from './pipeline-run.record.js';
import { fractionDone, overallProgress } from './stages.js';

export enum PipelineKind {
  IMPORT = 'IMPORT',
  GITHUB_INGEST = 'GITHUB_INGEST',
  EMBED = 'EMBED',
  SCORE = 'SCORE',
  PUBLISH = 'PUBLISH',
  RECOMMEND = 'RECOMMEND',
  TRAIN = 'TRAIN',
}
registerEnumType(PipelineKind, { name: 'PipelineKind', description: 'What a pipeline run does.' });

export enum PipelineStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PipelineStatus, { name: 'PipelineStatus' });

export enum StageStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  /** The run was cancelled while this stage ran. */
  CANCELLED = 'CANCELLED',
}
registerEnumType(StageStatus, { name: 'PipelineStageStatus' });

@ObjectType({ description: 'One named step of a run (e.g. "repositories" during an import).' })
export class PipelineStage {
  @Field(() => String)
  name!: string;

  @Field(() => StageStatus)
  status!: StageStatus;

  @Field(() => Int)
  processed!: number;

  @Field(() => Int, { nullable: true, description: 'Items this stage will process, when known.' })
  total!: number | null;

  @Field(() => DateTimeScalar)
  startedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: string | null;

  @Field(() => JSONScalar, {
    nullable: true,
    description:
      'The latest measurements the stage reported, names to numbers (a TRAIN run\'s "train" stage: the last ' +
      "epoch's loss, accuracy, valLoss, valAccuracy); null for stages that report none.",
  })
  metrics?: Record<string, number> | null;

  @Field(() => Float, {
    nullable: true,
    description: 'processed / total of this stage, in [0, 1]; null while its total is unknown.',
  })
  get progress(): number | null {
    return this.status === StageStatus.SUCCEEDED ? 1 : fractionDone(this.processed, this.total);
  }
}

@ObjectType({ description: 'One execution of a pipeline (import, ingestion, training...), with its live progress.' })
export class PipelineRun {
  constructor(private readonly record: PipelineRunRecord) {}

  @Field(() => ID)
  get id(): string {
    return this.record.id;
  }

  @Field(() => PipelineKind)
  get kind(): PipelineKind {
    return this.record.kind as PipelineKind;
  }

  @Field(() => PipelineStatus)
  get status(): PipelineStatus {
    return this.record.status as PipelineStatus;
  }

  @Field(() => String, { nullable: true, description: 'The stage running now (or the last one, once finished).' })
  get stage(): string | null {
    return this.record.stage;
  }

  @Field(() => [PipelineStage])
  get stages(): PipelineStage[] {
    return this.record.stages.map((stage) => Object.assign(new PipelineStage(), stage));
  }

  @Field(() => String, {
    nullable: true,
    description: 'Who started it: the signed-in user (their login) or the system task (e.g. "first start", "cli").',
  })
  get startedBy(): string | null {
    return this.record.startedBy;
  }

  @Field(() => [String], {
    description: 'The stages the run declared it will go through, in order (empty when it declared none).',
  })
  get plannedStages(): string[] {
    return this.record.plannedStages;
  }

  @Field(() => Int, { description: 'Items processed in the current stage.' })
  get processed(): number {
    return this.record.processed;
  }

  @Field(() => Int, { nullable: true, description: 'Items in the current stage, when known.' })
  get total(): number | null {
    return this.record.total;
  }

  @Field(() => Float, {
    nullable: true,
    description:
      'Overall progress in [0, 1]: each of `plannedStages` counts equally (done 1, running its share done, not ' +
      "reached 0); a run that declared no stages reports its current stage's processed / total (null while unknown). " +
      "Each stage's own progress is on `stages`.",
  })
  get progress(): number | null {
    return overallProgress(this.record);
  }

  @Field(() => JSONScalar, { description: 'What the run was asked to do.' })
  get params(): unknown {
    return this.record.params;
  }

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'What the run produced (e.g. import counts), once succeeded.',
  })
  get result(): unknown {
    return this.record.result;
  }

  @Field(() => String, {
    nullable: true,
    description:
      'Why the run failed, or, once CANCELLED, who cancelled it and why ("cancelled by API request <id>: <reason>").',
  })
  get error(): string | null {
    return this.record.error;
  }

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'When a cancel was asked for (`cancelPipelineRun`). A RUNNING run with it set is stopping: it ends CANCELLED ' +
      'once its work stops, at its next batch or heartbeat.',
  })
  get cancelRequestedAt(): Date | null {
    return this.record.cancelRequestedAt;
  }

  @Field(() => Int, { description: 'How many times execution started (retries count).' })
  get attempts(): number {
    return this.record.attempts;
  }

  @Field(() => String, {
    nullable: true,
    description: 'The process executing the run, or the last one that did: "<role>:<host>:<pid>" (role api or worker).',
  })
  get workerId(): string | null {
    return this.record.workerId;
  }

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'When the executing process last showed it is alive (it writes at least every PIPELINE_HEARTBEAT_MS while ' +
      'running); a run silent for long with nobody holding it is retried or failed as lost.',
  })
  get heartbeatAt(): Date | null {
    return this.record.heartbeatAt;
  }

  @Field(() => DateTimeScalar)
  get createdAt(): Date {
    return this.record.createdAt;
  }

  @Field(() => DateTimeScalar, { nullable: true })
  get startedAt(): Date | null {
    return this.record.startedAt;
  }

  @Field(() => DateTimeScalar, { nullable: true })
  get finishedAt(): Date | null {
    return this.record.finishedAt;
  }

  @Field(() => Int, { nullable: true, description: 'Wall time from start to finish (or to now while running), ms.' })
  get durationMs(): number | null {
    if (!this.record.startedAt) return null;
    return (this.record.finishedAt ?? new Date()).getTime() - this.record.startedAt.getTime();
  }
}

@ObjectType()
export class PipelineRunConnection extends ConnectionType(PipelineRun, 'PipelineRun') {}
