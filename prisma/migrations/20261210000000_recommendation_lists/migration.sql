-- Recommendations as the RECOMMEND pipeline publishes them. The per-item table of the first schema is replaced:
-- a run stores one row per user (the top 50 as parallel arrays), which keeps the full catalog's ~98k users × 50
-- items to ~100k rows, written and read whole.
DROP TABLE IF EXISTS "recommendations";

CREATE TABLE "recommendation_lists" (
    "run_id" UUID NOT NULL,
    "user_id" INTEGER NOT NULL,
    -- What the list was computed from (profile, its repositories' contributors and vectors, encoder, ranker):
    -- a re-run copies the list of a user whose fingerprint is unchanged instead of scoring them again.
    "fingerprint" TEXT NOT NULL,
    -- The run that scored this list (an earlier one when copied unchanged): what recommendationsUpdated reports.
    "scored_in" UUID NOT NULL,
    -- Best first. scores: the ranker's weighted sum; components: 7 per item in the order semantic, collaborative,
    -- owner, techStack, topics, popularity, freshness, each in [0, 1] scaled by 10000.
    "repository_ids" INTEGER[] NOT NULL,
    "scores" REAL[] NOT NULL,
    "components" SMALLINT[] NOT NULL,
    -- Per item, the profile repository sharing the most contributors with it (0: none) and how many it shares:
    -- the facts of the collaborative reason, which cannot be derived again cheaply at read time.
    "via_repository_ids" INTEGER[] NOT NULL,
    "shared_contributors" SMALLINT[] NOT NULL,
    CONSTRAINT "recommendation_lists_pkey" PRIMARY KEY ("run_id", "user_id")
);
CREATE INDEX "recommendation_lists_user_id_idx" ON "recommendation_lists"("user_id");

-- The scoring of a run, split into ranges of user ids that any process executing the run (its own, or helper
-- runs on other workers) claims with FOR UPDATE SKIP LOCKED; a claim silent too long is taken over.
CREATE TABLE "recommendation_batches" (
    "run_id" UUID NOT NULL,
    "batch" INTEGER NOT NULL,
    "first_user_id" INTEGER NOT NULL,
    "last_user_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING' CHECK ("status" IN ('PENDING', 'CLAIMED', 'DONE')),
    "claimed_by" TEXT,
    "claimed_at" TIMESTAMP(3),
    "scored" INTEGER NOT NULL DEFAULT 0,
    "copied" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "recommendation_batches_pkey" PRIMARY KEY ("run_id", "batch")
);

-- The one published run readers see (a single row): switched in one statement once a run's lists are complete,
-- so a failed or cancelled run never shows.
CREATE TABLE "recommendation_publication" (
    "id" BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK ("id"),
    "run_id" UUID NOT NULL,
    "published_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "encoder" TEXT NOT NULL,
    "ranker" TEXT NOT NULL,
    -- The ranker's weights the lists were scored with: what orders each item's reasons at read time.
    "weights" JSONB NOT NULL,
    "users" INTEGER NOT NULL
);

ALTER TABLE "recommendation_lists" ADD CONSTRAINT "recommendation_lists_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "pipeline_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "recommendation_lists" ADD CONSTRAINT "recommendation_lists_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "recommendation_batches" ADD CONSTRAINT "recommendation_batches_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "pipeline_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "recommendation_publication" ADD CONSTRAINT "recommendation_publication_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "pipeline_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Nothing searches users by vector (users' vectors are read by id when their lists are scored), and keeping an
-- HNSW graph over ~98k user vectors up to date made each pipeline run pay a graph insert per changed user.
DROP INDEX IF EXISTS "users_embedding_hnsw_idx";
