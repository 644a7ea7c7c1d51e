-- Model registry: version numbers are allocated from a per-model counter. Bumping it with one
-- `UPDATE ... SET latest_version = latest_version + 1 RETURNING` row-locks the model until the registering
-- transaction ends, so concurrent registrations get distinct, gap-free numbers, and a number is never reused
-- even if versions are deleted later (max(version) + 1 would reuse it).
ALTER TABLE "models" ADD COLUMN "latest_version" INTEGER NOT NULL DEFAULT 0;

UPDATE "models" SET "latest_version" = COALESCE(
  (SELECT max("version") FROM "model_versions" WHERE "model_versions"."model_id" = "models"."id"), 0);
