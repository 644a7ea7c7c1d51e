-- Who started each run: the token's subject (a login) or the system task's name. Members may cancel only their
-- own runs, and a user's queued and running runs are capped (PIPELINE_MAX_ACTIVE_RUNS_PER_USER).
ALTER TABLE "pipeline_runs" ADD COLUMN "started_by" TEXT;

-- The cap counts a user's active runs at every submission.
CREATE INDEX "pipeline_runs_started_by_active_idx" ON "pipeline_runs"("started_by")
  WHERE "status" IN ('QUEUED', 'RUNNING');
