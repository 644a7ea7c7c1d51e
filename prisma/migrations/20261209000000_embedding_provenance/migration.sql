-- Which encoder made each stored vector and from what content: a re-run re-embeds only rows whose text changed
-- (content hash) or whose encoder is no longer the one in use (version). NULL: never embedded.
ALTER TABLE "repositories" ADD COLUMN "embedding_version" TEXT, ADD COLUMN "embedding_hash" TEXT;
ALTER TABLE "users" ADD COLUMN "embedding_version" TEXT, ADD COLUMN "embedding_hash" TEXT;
