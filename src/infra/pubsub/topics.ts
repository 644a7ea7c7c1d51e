// Every pubsub topic in one place, with its payload. Payloads cross process boundaries (Redis), so they are
// JSON-safe: dates travel as ISO strings.
export interface PipelineRunSnapshot {
  id: string;
  kind: string;
  status: string;
  stage: string | null;
  stages: unknown;
  processed: number;
  total: number | null;
  params: unknown;
  result: unknown;
  error: string | null;
  attempts: number;
  workerId: string | null;
  createdAt: string;
  startedAt: string | null;
  heartbeatAt: string | null;
  finishedAt: string | null;
  // Optional: a process still on code from before cancellation publishes snapshots without them.
  cancelRequestedAt?: string | null;
  cancelReason?: string | null;
  plannedStages?: string[];
  startedBy?: string | null;
}

/**
 * A model registry change or a cluster-wide load/unload request. `kind` stays a string on the wire (the models
 * module owns the list), so a process ignores kinds it does not know; `origin` names the publishing process.
 */
export interface ModelRegistryEventPayload {
  kind: string;
  model: string;
  version: number | null;
  versionId: number | null;
  fromVersion: number | null;
  alias: string | null;
  routes: Array<{ alias: string; weight: number }> | null;
  actor: string | null;
  reason: string | null;
  at: string;
  origin: string;
}

export type PubSubTopics = {
  /** Published on every recorded change of a run, keyed by run id. */
  pipelineRunUpdated: [runId: string, run: PipelineRunSnapshot];
  /** Model registry events of every model on one channel (few, and every process follows all of them). */
  modelRegistryEvent: [channel: 'all', event: ModelRegistryEventPayload];
  /** A cancel of a RUNNING run was recorded: the process executing it (whichever) aborts it. Keyed by run id. */
  pipelineRunCancelRequested: [runId: string, request: { reason: string }];
  /** A RECOMMEND run's lists became the published set (every process's caches key by the run). */
  recommendationsPublished: [channel: 'all', publication: RecommendationsPublishedPayload];
  /** An objective, one of its key results or a check-in changed; keyed by objective id. */
  okrChanged: [objectiveId: string, change: OkrChangePayload];
  /** The same changes keyed by the objective owner's login (lower case): a person's activity feed. */
  okrActivity: [ownerLogin: string, change: OkrChangePayload];
  /** An activity event was recorded (its transaction committed): Subscription.events. */
  activityEvent: [channel: 'all', event: ActivityEventPayload];
};

/** A recorded activity event as published (the events module owns its types). */
export interface ActivityEventPayload {
  id: string;
  type: string;
  source: string;
  actor: string | null;
  subject: string | null;
  payload: unknown;
  occurredAt: string;
}

/** What changed in the OKRs (the okrs module owns the list of kinds; a process ignores kinds it does not know). */
export interface OkrChangePayload {
  kind: string;
  objectiveId: number;
  ownerLogin: string;
  keyResultId: number | null;
  checkInId: number | null;
  actor: string | null;
  at: string;
}

export interface RecommendationsPublishedPayload {
  runId: string;
  publishedAt: string;
  users: number;
  scored: number;
  copied: number;
}
