// The rows OKR services hand out, in the shape Prisma's own queries return (raw statements select the same).
import type { Prisma } from '../../generated/prisma/client.js';
import { selectColumnsSql } from '../../lib/sql/select-columns.js';

export const objectiveSelect = {
  id: true,
  title: true,
  description: true,
  level: true,
  period: true,
  periodStart: true,
  periodEnd: true,
  context: true,
  ownerId: true,
  parentId: true,
  visibility: true,
  progress: true,
  archivedAt: true,
  version: true,
  checkedInAt: true,
  forecastProbability: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.ObjectiveSelect;
export type ObjectiveRecord = Prisma.ObjectiveGetPayload<{ select: typeof objectiveSelect }>;
export const OBJECTIVE_COLUMNS = selectColumnsSql(objectiveSelect, 'o');

export const keyResultSelect = {
  id: true,
  objectiveId: true,
  title: true,
  metricType: true,
  unit: true,
  startValue: true,
  targetValue: true,
  currentValue: true,
  weight: true,
  dueDate: true,
  confidence: true,
  version: true,
  checkedInAt: true,
  forecastProbability: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.KeyResultSelect;
export type KeyResultRecord = Prisma.KeyResultGetPayload<{ select: typeof keyResultSelect }>;
export const KEY_RESULT_COLUMNS = selectColumnsSql(keyResultSelect, 'k');

export const checkInSelect = {
  id: true,
  keyResultId: true,
  authorId: true,
  value: true,
  confidence: true,
  note: true,
  idempotencyKey: true,
  createdAt: true,
} as const satisfies Prisma.CheckInSelect;
export type CheckInRecord = Prisma.CheckInGetPayload<{ select: typeof checkInSelect }>;
export const CHECK_IN_COLUMNS = selectColumnsSql(checkInSelect, 'c');
