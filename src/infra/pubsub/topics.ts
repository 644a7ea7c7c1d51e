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
}

export type PubSubTopics = {
  /** Published on every recorded change of a run, keyed by run id. */
  pipelineRunUpdated: [runId: string, run: PipelineRunSnapshot];
};
