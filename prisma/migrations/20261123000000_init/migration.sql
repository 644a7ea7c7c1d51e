-- OST Graph: the whole data model (see prisma/schema.prisma, which must describe exactly these tables).
CREATE EXTENSION IF NOT EXISTS vector;

-- CreateEnum
CREATE TYPE "user_type" AS ENUM ('USER', 'ORGANIZATION', 'BOT');
CREATE TYPE "contribution_kind" AS ENUM ('CONTRIBUTED', 'STARRED', 'FORKED', 'WATCHED');
CREATE TYPE "objective_level" AS ENUM ('COMPANY', 'TEAM', 'INDIVIDUAL');
CREATE TYPE "okr_status" AS ENUM ('DRAFT', 'ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'COMPLETED', 'CANCELLED');
CREATE TYPE "pipeline_kind" AS ENUM ('IMPORT', 'GITHUB_INGEST', 'EMBED', 'SCORE', 'PUBLISH', 'RECOMMEND', 'TRAIN');
CREATE TYPE "pipeline_status" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "github_id" BIGINT,
    "login" TEXT NOT NULL,
    "type" "user_type" NOT NULL DEFAULT 'USER',
    "name" TEXT,
    "bio" TEXT,
    "company" TEXT,
    "location" TEXT,
    "avatar_url" TEXT,
    "public_repos" INTEGER,
    "followers" INTEGER,
    "following" INTEGER,
    "created_at" TIMESTAMP(3),
    "etag" TEXT,
    "inserted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "synced_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "embedding" vector(384),
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "repositories" (
    "id" SERIAL NOT NULL,
    "github_id" BIGINT,
    "full_name" TEXT NOT NULL,
    "owner_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "language" TEXT,
    "topics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "stars" INTEGER NOT NULL DEFAULT 0,
    "forks" INTEGER NOT NULL DEFAULT 0,
    "open_issues" INTEGER,
    "license" TEXT,
    "url" TEXT,
    "homepage" TEXT,
    "former_names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMP(3),
    "pushed_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3),
    "stats_as_of" TIMESTAMP(3),
    "etag" TEXT,
    "inserted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "synced_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "embedding" vector(384),
    CONSTRAINT "repositories_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "topics" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "display_name" TEXT,
    "short_description" TEXT,
    "description" TEXT,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "related" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "url" TEXT,
    "featured" BOOLEAN NOT NULL DEFAULT false,
    "inserted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "topics_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "contributions" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "repository_id" INTEGER NOT NULL,
    "kind" "contribution_kind" NOT NULL DEFAULT 'CONTRIBUTED',
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "inserted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "contributions_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "pipeline_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "pipeline_kind" NOT NULL,
    "status" "pipeline_status" NOT NULL DEFAULT 'QUEUED',
    "stage" TEXT,
    "stages" JSONB NOT NULL DEFAULT '[]',
    "processed" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "params" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "worker_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "heartbeat_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    CONSTRAINT "pipeline_runs_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "recommendations" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "repository_id" INTEGER NOT NULL,
    "pipeline_run_id" UUID,
    "rank" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "semantic" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "tech_stack" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "topic_match" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "popularity" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "freshness" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "explanation" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "recommendations_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "objectives" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "level" "objective_level" NOT NULL DEFAULT 'TEAM',
    "period" TEXT NOT NULL,
    "context" TEXT,
    "owner_id" INTEGER,
    "owner_name" TEXT,
    "parent_id" INTEGER,
    "status" "okr_status" NOT NULL DEFAULT 'DRAFT',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "objectives_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "key_results" (
    "id" SERIAL NOT NULL,
    "objective_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "unit" TEXT,
    "start_value" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "target_value" DOUBLE PRECISION NOT NULL,
    "current_value" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "status" "okr_status" NOT NULL DEFAULT 'DRAFT',
    "due_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "key_results_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "check_ins" (
    "id" SERIAL NOT NULL,
    "key_result_id" INTEGER NOT NULL,
    "author_id" INTEGER,
    "value" DOUBLE PRECISION NOT NULL,
    "confidence" DOUBLE PRECISION,
    "note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "check_ins_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "models" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "task" TEXT NOT NULL,
    "input_schema" JSONB NOT NULL DEFAULT '{}',
    "output_schema" JSONB NOT NULL DEFAULT '{}',
    "traffic_split" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "models_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "model_versions" (
    "id" SERIAL NOT NULL,
    "model_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "topology" JSONB NOT NULL,
    "weights" BYTEA NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "dataset" JSONB NOT NULL DEFAULT '{}',
    "created_by" TEXT,
    "pipeline_run_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "model_aliases" (
    "model_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "version_id" INTEGER NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "model_aliases_pkey" PRIMARY KEY ("model_id", "alias")
);

CREATE TABLE "model_alias_events" (
    "id" SERIAL NOT NULL,
    "model_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "from_version" INTEGER,
    "to_version" INTEGER,
    "actor" TEXT,
    "reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "model_alias_events_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "predictions" (
    "id" BIGSERIAL NOT NULL,
    "model_version_id" INTEGER NOT NULL,
    "key_result_id" INTEGER,
    "routing_key" TEXT,
    "input" JSONB NOT NULL,
    "output" JSONB NOT NULL,
    "latency_ms" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "predictions_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "events" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "subject" TEXT,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMP(3),
    "pipeline_run_id" UUID,
    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_github_id_key" ON "users"("github_id");
CREATE UNIQUE INDEX "users_login_key" ON "users"("login");
CREATE UNIQUE INDEX "repositories_github_id_key" ON "repositories"("github_id");
CREATE UNIQUE INDEX "repositories_full_name_key" ON "repositories"("full_name");
CREATE INDEX "repositories_owner_id_idx" ON "repositories"("owner_id");
CREATE INDEX "repositories_language_idx" ON "repositories"("language");
CREATE INDEX "repositories_stars_id_idx" ON "repositories"("stars" DESC, "id");
CREATE UNIQUE INDEX "topics_name_key" ON "topics"("name");
CREATE UNIQUE INDEX "contributions_user_id_repository_id_kind_key" ON "contributions"("user_id", "repository_id", "kind");
CREATE INDEX "contributions_repository_id_weight_idx" ON "contributions"("repository_id", "weight" DESC);
CREATE INDEX "pipeline_runs_status_created_at_idx" ON "pipeline_runs"("status", "created_at");
CREATE INDEX "pipeline_runs_kind_created_at_idx" ON "pipeline_runs"("kind", "created_at" DESC);
CREATE UNIQUE INDEX "recommendations_user_id_repository_id_pipeline_run_id_key" ON "recommendations"("user_id", "repository_id", "pipeline_run_id");
CREATE INDEX "recommendations_user_id_pipeline_run_id_rank_idx" ON "recommendations"("user_id", "pipeline_run_id", "rank");
CREATE INDEX "objectives_period_level_idx" ON "objectives"("period", "level");
CREATE INDEX "objectives_parent_id_idx" ON "objectives"("parent_id");
CREATE INDEX "key_results_objective_id_idx" ON "key_results"("objective_id");
CREATE INDEX "check_ins_key_result_id_created_at_idx" ON "check_ins"("key_result_id", "created_at");
CREATE UNIQUE INDEX "models_name_key" ON "models"("name");
CREATE UNIQUE INDEX "model_versions_model_id_version_key" ON "model_versions"("model_id", "version");
CREATE INDEX "model_alias_events_model_id_created_at_idx" ON "model_alias_events"("model_id", "created_at");
CREATE INDEX "predictions_model_version_id_created_at_idx" ON "predictions"("model_version_id", "created_at");
CREATE INDEX "events_type_occurred_at_idx" ON "events"("type", "occurred_at");
CREATE INDEX "events_processed_at_idx" ON "events"("processed_at");

-- Not expressible in schema.prisma: case-insensitive lookups (GitHub names are case-insensitive), topic
-- containment (GIN over the array) and approximate nearest neighbours over the embeddings (HNSW, cosine).
CREATE UNIQUE INDEX "repositories_full_name_lower_key" ON "repositories"(lower("full_name"));
CREATE UNIQUE INDEX "users_login_lower_key" ON "users"(lower("login"));
CREATE INDEX "repositories_topics_gin_idx" ON "repositories" USING GIN ("topics");
CREATE INDEX "repositories_embedding_hnsw_idx" ON "repositories" USING hnsw ("embedding" vector_cosine_ops);
CREATE INDEX "users_embedding_hnsw_idx" ON "users" USING hnsw ("embedding" vector_cosine_ops);

-- AddForeignKey
ALTER TABLE "repositories" ADD CONSTRAINT "repositories_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_pipeline_run_id_fkey" FOREIGN KEY ("pipeline_run_id") REFERENCES "pipeline_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "objectives"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "key_results" ADD CONSTRAINT "key_results_objective_id_fkey" FOREIGN KEY ("objective_id") REFERENCES "objectives"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_key_result_id_fkey" FOREIGN KEY ("key_result_id") REFERENCES "key_results"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_pipeline_run_id_fkey" FOREIGN KEY ("pipeline_run_id") REFERENCES "pipeline_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "model_alias_events" ADD CONSTRAINT "model_alias_events_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_key_result_id_fkey" FOREIGN KEY ("key_result_id") REFERENCES "key_results"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "events" ADD CONSTRAINT "events_pipeline_run_id_fkey" FOREIGN KEY ("pipeline_run_id") REFERENCES "pipeline_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
