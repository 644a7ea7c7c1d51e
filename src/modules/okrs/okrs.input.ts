// GraphQL inputs of OKRs (checked in okr-inputs.ts and the services).
import { ArgsType, Field, Float, InputType, Int, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../graphql/order-direction.js';
import { PaginationArgs } from '../../graphql/pagination.args.js';
import type { Actor } from '../../access/index.js';
import type { ListQuery } from '../../lib/keyset/index.js';
import { objectiveListQuery, ObjectiveOrderField } from './objectives.query.js';
import type { OkrServices } from './okrs.service.js';
import { MetricType, ObjectiveLevel, ObjectiveVisibility, OkrStatus } from './okrs.type.js';

registerEnumType(ObjectiveOrderField, {
  name: 'ObjectiveOrderField',
  description: 'What objectives are sorted by (ties: by id).',
  valuesConfig: {
    PERIOD: { description: 'Start of the period (default, latest first).' },
    PROGRESS: { description: 'Progress (most advanced first by default).' },
    TITLE: { description: 'Title, case-insensitive (A first by default).' },
    CREATED_AT: { description: 'Creation time (newest first by default).' },
  },
});

@InputType({ description: 'Conditions an objective must meet, all of them.' })
export class ObjectiveFilter {
  @Field(() => String, { nullable: true, description: 'The owner’s login.' })
  owner?: string | null;

  @Field(() => String, { nullable: true, description: 'Objectives whose period overlaps this one ("2026-Q4").' })
  period?: string | null;

  @Field(() => OkrStatus, { nullable: true })
  status?: OkrStatus | null;

  @Field(() => ObjectiveLevel, { nullable: true })
  level?: ObjectiveLevel | null;

  @Field(() => Int, { nullable: true, description: 'Objectives aligned directly under this one.' })
  parent?: number | null;

  @Field(() => String, { nullable: true, description: 'Text in the title or description (case-insensitive).' })
  text?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Archived objectives too (default false).' })
  includeArchived?: boolean | null;
}

@InputType({ description: 'How to sort objectives.' })
export class ObjectiveOrder {
  @Field(() => ObjectiveOrderField)
  field!: ObjectiveOrderField;

  @Field(() => OrderDirection, { nullable: true, description: 'Default: ASC for TITLE, DESC otherwise.' })
  direction?: OrderDirection | null;
}

@ArgsType()
export class ObjectivesArgs extends PaginationArgs {
  @Field(() => ObjectiveFilter, { nullable: true })
  filter?: ObjectiveFilter | null;

  @Field(() => ObjectiveOrder, { nullable: true, description: 'Default: latest period first.' })
  orderBy?: ObjectiveOrder | null;
}

@InputType({ description: 'A new objective. The period: `period` ("2026-Q4", "2026-H1", "2026") or both dates.' })
export class CreateObjectiveInput {
  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  period?: string | null;

  @Field(() => String, { nullable: true, description: 'First day (YYYY-MM-DD), with endDate instead of period.' })
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day (YYYY-MM-DD), inclusive.' })
  endDate?: string | null;

  @Field(() => ObjectiveLevel, { nullable: true, description: 'Default TEAM.' })
  level?: ObjectiveLevel | null;

  @Field(() => ObjectiveVisibility, { nullable: true, description: 'Default PUBLIC.' })
  visibility?: ObjectiveVisibility | null;

  @Field(() => Int, { nullable: true, description: 'The objective this one aligns under.' })
  parentId?: number | null;

  @Field(() => String, { nullable: true, description: 'The owner’s login (default: you; another’s needs ADMIN).' })
  owner?: string | null;
}

@InputType({ description: 'Changes to an objective; what is left out stays.' })
export class UpdateObjectiveInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  period?: string | null;

  @Field(() => String, { nullable: true })
  startDate?: string | null;

  @Field(() => String, { nullable: true })
  endDate?: string | null;

  @Field(() => ObjectiveLevel, { nullable: true })
  level?: ObjectiveLevel | null;

  @Field(() => ObjectiveVisibility, { nullable: true })
  visibility?: ObjectiveVisibility | null;

  @Field(() => Int, { nullable: true, description: 'Align it under this objective (a cycle is refused).' })
  parentId?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Detach it from its parent.' })
  clearParent?: boolean | null;
}

@InputType({ description: 'A new key result of an objective.' })
export class AddKeyResultInput {
  @Field(() => Int)
  objectiveId!: number;

  @Field(() => String)
  title!: string;

  @Field(() => MetricType, { nullable: true, description: 'Default NUMBER.' })
  metricType?: MetricType | null;

  @Field(() => Float, { nullable: true, description: 'Default 0.' })
  startValue?: number | null;

  @Field(() => Float, { description: 'Must differ from startValue; below it for a falling target.' })
  targetValue!: number;

  @Field(() => String, { nullable: true })
  unit?: string | null;

  @Field(() => Float, { nullable: true, description: 'Default 1.' })
  weight?: number | null;

  @Field(() => String, { description: 'YYYY-MM-DD, inside the objective’s period, e.g. "2026-12-31".' })
  dueDate!: string;
}

@InputType({ description: 'Changes to a key result; what is left out stays.' })
export class UpdateKeyResultInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => Float, { nullable: true })
  startValue?: number | null;

  @Field(() => Float, { nullable: true })
  targetValue?: number | null;

  @Field(() => String, { nullable: true })
  unit?: string | null;

  @Field(() => Float, { nullable: true })
  weight?: number | null;

  @Field(() => String, { nullable: true })
  dueDate?: string | null;
}

@InputType({ description: 'A new value of a key result.' })
export class CheckInInput {
  @Field(() => Int)
  keyResultId!: number;

  @Field(() => Float)
  value!: number;

  @Field(() => Float, { nullable: true, description: 'Your confidence (0–1) of reaching the target.' })
  confidence?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Your key for this check-in: a retry with the same key returns the first and counts once.',
  })
  idempotencyKey?: string | null;
}

/** The list query of the GraphQL arguments (`filter.parent` is the parent's id), as `viewer` may see it now. */
export function objectiveQuery(
  args: ObjectivesArgs,
  viewer: Actor,
  okrs: Pick<OkrServices, 'now' | 'thresholds'>,
): ListQuery {
  const { filter, ...page } = args;
  return objectiveListQuery({ ...page, filter: filter && { ...filter, parentId: filter.parent ?? null } }, viewer, {
    now: okrs.now(),
    thresholds: okrs.thresholds,
  });
}
