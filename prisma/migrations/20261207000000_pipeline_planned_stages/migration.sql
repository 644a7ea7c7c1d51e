-- The stages a run declared it will go through (in order), so its overall progress can be told while it runs.
ALTER TABLE "pipeline_runs" ADD COLUMN "planned_stages" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
