-- OKRs as the API serves them: objectives with a parsed period, visibility, archiving and a version for optimistic
-- concurrency; key results with a metric type, a due date and a weight; check-ins with an optional idempotency key.
-- The first schema's OKR tables were never written by any code path; they are emptied and reshaped here. Status is
-- no longer stored (it depends on the time and the forecast: computed when read); progress is stored, written in
-- the transaction of every change it depends on, so lists can filter and order by it.
DELETE FROM "check_ins";
UPDATE "predictions" SET "key_result_id" = NULL WHERE "key_result_id" IS NOT NULL;
DELETE FROM "key_results";
DELETE FROM "objectives";

CREATE TYPE "objective_visibility" AS ENUM ('PUBLIC', 'PRIVATE');
CREATE TYPE "metric_type" AS ENUM ('NUMBER', 'PERCENT', 'CURRENCY', 'BOOLEAN');

ALTER TABLE "objectives"
    DROP COLUMN "status",
    DROP COLUMN "owner_name",
    ALTER COLUMN "owner_id" SET NOT NULL,
    -- The label as given ("2026-Q4", or "2026-10-01..2026-12-31") and the half-open interval it names.
    ADD COLUMN "period_start" TIMESTAMP(3) NOT NULL,
    ADD COLUMN "period_end" TIMESTAMP(3) NOT NULL,
    ADD COLUMN "visibility" "objective_visibility" NOT NULL DEFAULT 'PUBLIC',
    ADD COLUMN "archived_at" TIMESTAMP(3),
    ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1,
    -- The last check-in on any of its key results (NULL: none yet: the objective has not started).
    ADD COLUMN "checked_in_at" TIMESTAMP(3),
    ADD CONSTRAINT "objectives_period_check" CHECK ("period_end" > "period_start"),
    ADD CONSTRAINT "objectives_progress_check" CHECK ("progress" >= 0 AND "progress" <= 1),
    ADD CONSTRAINT "objectives_not_own_parent" CHECK ("parent_id" IS NULL OR "parent_id" <> "id");
ALTER TABLE "objectives" DROP CONSTRAINT IF EXISTS "objectives_owner_id_fkey";
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_owner_id_fkey"
    FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "objectives_owner_id_id_idx" ON "objectives"("owner_id", "id");
CREATE INDEX "objectives_period_start_period_end_idx" ON "objectives"("period_start", "period_end");

ALTER TABLE "key_results"
    DROP COLUMN "status",
    DROP COLUMN "due_at",
    ADD COLUMN "metric_type" "metric_type" NOT NULL DEFAULT 'NUMBER',
    ADD COLUMN "due_date" DATE NOT NULL,
    -- The owner's latest confidence (0..1) of reaching the target, from their last check-in that gave one.
    ADD COLUMN "confidence" DOUBLE PRECISION,
    ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN "checked_in_at" TIMESTAMP(3),
    ADD CONSTRAINT "key_results_weight_check" CHECK ("weight" > 0),
    ADD CONSTRAINT "key_results_target_check" CHECK ("target_value" <> "start_value"),
    ADD CONSTRAINT "key_results_confidence_check" CHECK ("confidence" IS NULL OR ("confidence" >= 0 AND "confidence" <= 1));

ALTER TABLE "check_ins"
    -- A client's key for one check-in: a retry with the same key returns the first instead of counting twice.
    ADD COLUMN "idempotency_key" TEXT,
    ADD CONSTRAINT "check_ins_confidence_check" CHECK ("confidence" IS NULL OR ("confidence" >= 0 AND "confidence" <= 1));
CREATE UNIQUE INDEX "check_ins_key_result_id_idempotency_key_key" ON "check_ins"("key_result_id", "idempotency_key");

DROP TYPE IF EXISTS "okr_status";
