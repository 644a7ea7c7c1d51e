-- Pipeline run cancellation: a cancel asked for while a run executes is recorded here first (durable), then
-- announced to the executing process; the process also reads it back at each progress or heartbeat write, so a
-- lost announcement delays the cancel by at most one heartbeat. No index: the columns are only read with the row.
ALTER TABLE "pipeline_runs" ADD COLUMN "cancel_requested_at" TIMESTAMP(3);
ALTER TABLE "pipeline_runs" ADD COLUMN "cancel_reason" TEXT;
