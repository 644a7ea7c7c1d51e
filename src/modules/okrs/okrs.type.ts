// GraphQL types of OKRs. Progress is stored; status and score are computed when read (okrs.relations.ts), from
// the time, the thresholds of the configuration and the stored forecast. Relations are in okrs.relations.ts.
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { lastDay, periodFromLabel } from './math/period.js';
import type { CheckInRecord, KeyResultRecord, ObjectiveRecord } from './okr-records.js';

export enum ObjectiveLevel {
  COMPANY = 'COMPANY',
  TEAM = 'TEAM',
  INDIVIDUAL = 'INDIVIDUAL',
}
registerEnumType(ObjectiveLevel, { name: 'ObjectiveLevel', description: 'Whose objective it is.' });

export enum ObjectiveVisibility {
  PUBLIC = 'PUBLIC',
  PRIVATE = 'PRIVATE',
}
registerEnumType(ObjectiveVisibility, {
  name: 'ObjectiveVisibility',
  description: 'PRIVATE: readable by its owner and admins only (absent from everyone else’s lists and counts).',
});

export enum MetricType {
  NUMBER = 'NUMBER',
  PERCENT = 'PERCENT',
  CURRENCY = 'CURRENCY',
  BOOLEAN = 'BOOLEAN',
}
registerEnumType(MetricType, {
  name: 'MetricType',
  description: 'What a key result measures: PERCENT takes 0–100, BOOLEAN 0 (not done) or 1 (done).',
});

export enum OkrStatus {
  NOT_STARTED = 'NOT_STARTED',
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  BEHIND = 'BEHIND',
  COMPLETED = 'COMPLETED',
}
registerEnumType(OkrStatus, {
  name: 'OkrStatus',
  description:
    'From progress against the share of time gone (and the forecast, when there is one); thresholds in README.',
});

@ObjectType({ description: 'An objective: what someone means to achieve in a period, measured by key results.' })
export class Objective {
  constructor(readonly record: ObjectiveRecord) {}

  @Field(() => ID, { description: 'Global, opaque id.' })
  get id(): string {
    return toGlobalId('Objective', this.record.id);
  }

  @Field(() => Int, { description: 'What `objective(id:)` and the mutations take.' })
  get databaseId(): number {
    return this.record.id;
  }

  @Field(() => String)
  get title(): string {
    return this.record.title;
  }

  @Field(() => String, { nullable: true })
  get description(): string | null {
    return this.record.description;
  }

  @Field(() => ObjectiveLevel)
  get level(): ObjectiveLevel {
    return this.record.level as ObjectiveLevel;
  }

  @Field(() => String, { description: 'As given: "2026-Q4", "2026-H1", "2026" or "2026-10-01..2026-12-31".' })
  get period(): string {
    return this.record.period;
  }

  @Field(() => String, { description: 'First day of the period (YYYY-MM-DD).' })
  get startDate(): string {
    return this.record.periodStart.toISOString().slice(0, 10);
  }

  @Field(() => String, { description: 'Last day of the period (YYYY-MM-DD).' })
  get endDate(): string {
    return lastDay(periodFromLabel(this.record.period));
  }

  @Field(() => ObjectiveVisibility)
  get visibility(): ObjectiveVisibility {
    return this.record.visibility as ObjectiveVisibility;
  }

  @Field(() => Float, { description: 'Weighted mean of the key results’ progress, 0–1.' })
  get progress(): number {
    return this.record.progress;
  }

  @Field(() => String, { nullable: true, description: 'Where it comes from (e.g. a planning document).' })
  get context(): string | null {
    return this.record.context;
  }

  @Field(() => Boolean)
  get archived(): boolean {
    return this.record.archivedAt !== null;
  }

  @Field(() => DateTimeScalar, { nullable: true })
  get archivedAt(): Date | null {
    return this.record.archivedAt;
  }

  @Field(() => Int, { description: 'Increases with every change: pass it as `expectedVersion` to update safely.' })
  get version(): number {
    return this.record.version;
  }

  @Field(() => DateTimeScalar, { nullable: true, description: 'The last check-in on any of its key results.' })
  get lastCheckInAt(): Date | null {
    return this.record.checkedInAt;
  }

  @Field(() => DateTimeScalar)
  get createdAt(): Date {
    return this.record.createdAt;
  }

  @Field(() => DateTimeScalar)
  get updatedAt(): Date {
    return this.record.updatedAt;
  }
}

@ObjectType()
export class ObjectiveConnection extends ConnectionType(Objective, 'Objective') {}

@ObjectType({ description: 'A measurable result of an objective: a value moving from its start to its target.' })
export class KeyResult {
  constructor(readonly record: KeyResultRecord) {}

  @Field(() => ID)
  get id(): string {
    return toGlobalId('KeyResult', this.record.id);
  }

  @Field(() => Int)
  get databaseId(): number {
    return this.record.id;
  }

  @Field(() => Int)
  get objectiveId(): number {
    return this.record.objectiveId;
  }

  @Field(() => String)
  get title(): string {
    return this.record.title;
  }

  @Field(() => MetricType)
  get metricType(): MetricType {
    return this.record.metricType as MetricType;
  }

  @Field(() => String, { nullable: true, description: 'E.g. "ms", "%", "USD".' })
  get unit(): string | null {
    return this.record.unit;
  }

  @Field(() => Float)
  get startValue(): number {
    return this.record.startValue;
  }

  @Field(() => Float, { description: 'Above the start (rising) or below it (falling).' })
  get targetValue(): number {
    return this.record.targetValue;
  }

  @Field(() => Float, { description: 'The value of the latest check-in (the start value before any).' })
  get currentValue(): number {
    return this.record.currentValue;
  }

  @Field(() => Float, { description: 'Its share in the objective’s progress, relative to the others’.' })
  get weight(): number {
    return this.record.weight;
  }

  @Field(() => String, { description: 'YYYY-MM-DD, inside the objective’s period.' })
  get dueDate(): string {
    return this.record.dueDate.toISOString().slice(0, 10);
  }

  @Field(() => Float, { nullable: true, description: 'The owner’s latest confidence (0–1) of reaching the target.' })
  get confidence(): number | null {
    return this.record.confidence;
  }

  @Field(() => Int)
  get version(): number {
    return this.record.version;
  }

  @Field(() => DateTimeScalar, { nullable: true })
  get lastCheckInAt(): Date | null {
    return this.record.checkedInAt;
  }
}

@ObjectType()
export class KeyResultConnection extends ConnectionType(KeyResult, 'KeyResult') {}

@ObjectType({ description: 'A recorded value of a key result, with the author’s confidence and note.' })
export class CheckIn {
  constructor(readonly record: CheckInRecord) {}

  @Field(() => ID)
  get id(): string {
    return toGlobalId('CheckIn', this.record.id);
  }

  @Field(() => Int)
  get databaseId(): number {
    return this.record.id;
  }

  @Field(() => Float)
  get value(): number {
    return this.record.value;
  }

  @Field(() => Float, { nullable: true })
  get confidence(): number | null {
    return this.record.confidence;
  }

  @Field(() => String, { nullable: true })
  get note(): string | null {
    return this.record.note;
  }

  @Field(() => String, { nullable: true, description: 'The key the client sent to make retries safe.' })
  get idempotencyKey(): string | null {
    return this.record.idempotencyKey;
  }

  @Field(() => DateTimeScalar)
  get createdAt(): Date {
    return this.record.createdAt;
  }
}

@ObjectType()
export class CheckInConnection extends ConnectionType(CheckIn, 'CheckIn') {}
