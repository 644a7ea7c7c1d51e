// Status of a key result or an objective: from its progress against the share of its time that has passed (pace),
// and from the forecast's probability of reaching the target when there is one; the worse of the two wins (a key
// result on pace that the forecast doubts is at risk). Thresholds are configuration (OKR_* in README; config.ts checks they are ordered):
//
//   COMPLETED    progress 1
//   NOT_STARTED  no check-in yet, and at most `atRiskGap` of the time gone
//   pace         gap = elapsed share − progress: ≤ atRiskGap ON_TRACK, ≤ behindGap AT_RISK, else BEHIND
//   forecast     probability ≥ atRiskProbability ON_TRACK, ≥ behindProbability AT_RISK, else BEHIND

export type OkrStatus = 'NOT_STARTED' | 'ON_TRACK' | 'AT_RISK' | 'BEHIND' | 'COMPLETED';

export interface StatusThresholds {
  atRiskGap: number;
  behindGap: number;
  atRiskProbability: number;
  behindProbability: number;
}

export const DEFAULT_THRESHOLDS: StatusThresholds = {
  atRiskGap: 0.1,
  behindGap: 0.25,
  atRiskProbability: 0.7,
  behindProbability: 0.4,
};

export interface StatusInput {
  progress: number;
  /** Share of the key result's (or objective's) time gone, 0..1. */
  elapsed: number;
  checkIns: number;
  /** The forecast's probability of reaching the target; null or absent: pace alone. */
  probability?: number | null;
}

const SEVERITY: Record<'ON_TRACK' | 'AT_RISK' | 'BEHIND', number> = { ON_TRACK: 0, AT_RISK: 1, BEHIND: 2 };

export function okrStatus(input: StatusInput, thresholds: StatusThresholds = DEFAULT_THRESHOLDS): OkrStatus {
  if (input.progress >= 1) return 'COMPLETED';
  if (input.checkIns === 0 && input.progress <= 0 && input.elapsed <= thresholds.atRiskGap) return 'NOT_STARTED';
  const gap = input.elapsed - input.progress;
  const pace = gap <= thresholds.atRiskGap ? 'ON_TRACK' : gap <= thresholds.behindGap ? 'AT_RISK' : 'BEHIND';
  const p = input.probability;
  if (p === null || p === undefined || !Number.isFinite(p)) return pace;
  const forecast =
    p >= thresholds.atRiskProbability ? 'ON_TRACK' : p >= thresholds.behindProbability ? 'AT_RISK' : 'BEHIND';
  return SEVERITY[forecast] > SEVERITY[pace] ? forecast : pace;
}
