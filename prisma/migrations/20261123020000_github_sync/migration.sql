-- GitHub ingestion: conditional-request validators, and each repository's languages breakdown.

-- What GitHub answered last for a request (its ETag and Last-Modified), keyed by the request. A row is written in
-- the same transaction as the rows built from that response, so a stored validator always vouches for data that
-- is in the database: GitHub's 304 for it means there is nothing to do.
CREATE TABLE "github_etags" (
    "key" TEXT NOT NULL,
    "etag" TEXT,
    "last_modified" TEXT,
    "fetched_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "github_etags_pkey" PRIMARY KEY ("key")
);

-- Bytes of code per language, as GitHub counts them: {"TypeScript": 120432, "CSS": 2310}. NULL: never fetched.
-- (`language` keeps the primary language; this is the whole breakdown, for tech-stack matching.)
ALTER TABLE "repositories" ADD COLUMN "languages" JSONB;
