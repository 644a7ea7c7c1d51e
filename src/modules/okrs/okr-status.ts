// Status and score of stored objectives and key results at a given time: math/ applied to records. An objective's
// time is its period; a key result's runs from the period's start to the end of its due date. The forecast's
// probability is the latest stored one (an objective's: the weighted mean of its key results'), as SQL filters see it.
import { elapsedShare, endOfDay } from './math/period.js';
import { keyResultProgress, periodScore } from './math/progress.js';
import { okrStatus, type OkrStatus, type StatusThresholds } from './math/status.js';
import type { KeyResultRecord, ObjectiveRecord } from './okr-records.js';

export function objectiveStatus(objective: ObjectiveRecord, now: Date, thresholds: StatusThresholds): OkrStatus {
  return okrStatus(
    {
      progress: objective.progress,
      elapsed: elapsedShare(objective.periodStart, objective.periodEnd, now),
      checkIns: objective.checkedInAt ? 1 : 0,
      probability: objective.forecastProbability,
    },
    thresholds,
  );
}

export function objectiveScore(objective: ObjectiveRecord, now: Date): number | null {
  return periodScore(objective.progress, objective.periodEnd, now);
}

export function keyResultStatus(
  keyResult: KeyResultRecord,
  periodStart: Date,
  now: Date,
  thresholds: StatusThresholds,
): OkrStatus {
  return okrStatus(
    {
      progress: keyResultProgress(keyResult),
      elapsed: elapsedShare(periodStart, endOfDay(keyResult.dueDate), now),
      checkIns: keyResult.checkedInAt ? 1 : 0,
      probability: keyResult.forecastProbability,
    },
    thresholds,
  );
}
