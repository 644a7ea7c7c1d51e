-- Key-result forecasts (kr-forecast) stored with the key result they describe, and user activity as events.
--
-- A forecast is computed from the key result's check-ins when one arrives (or when first read after its inputs
-- changed) and kept here: `forecast_basis` says what it was computed from (the key result's version, the model
-- version, the day), so a read recomputes only when one of them moved. The probability is a column of its own so
-- status filters can use it in SQL; an objective keeps the weighted mean of its key results' probabilities.
ALTER TABLE "key_results"
    ADD COLUMN "forecast" JSONB,
    ADD COLUMN "forecast_probability" DOUBLE PRECISION,
    ADD COLUMN "forecast_basis" TEXT,
    ADD CONSTRAINT "key_results_forecast_probability_check"
        CHECK ("forecast_probability" IS NULL OR ("forecast_probability" >= 0 AND "forecast_probability" <= 1));
ALTER TABLE "objectives"
    ADD COLUMN "forecast_probability" DOUBLE PRECISION,
    ADD CONSTRAINT "objectives_forecast_probability_check"
        CHECK ("forecast_probability" IS NULL OR ("forecast_probability" >= 0 AND "forecast_probability" <= 1));

-- Events gain who did it. Activity events (check-ins, objective and key-result changes, pipeline runs started,
-- sampled predictions) are written in the transaction of the change they record; ingested events keep actor NULL.
ALTER TABLE "events" ADD COLUMN "actor" TEXT;
CREATE INDEX "events_occurred_at_idx" ON "events" ("occurred_at" DESC, "id" DESC);
CREATE INDEX "events_actor_occurred_at_idx" ON "events" ("actor", "occurred_at" DESC);
CREATE INDEX "events_subject_occurred_at_idx" ON "events" ("subject", "occurred_at" DESC);
