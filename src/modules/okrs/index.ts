// The OKRs module: objectives (periods, levels, alignment, visibility), key results (rising and falling targets,
// weights, due dates) and check-ins (atomic, idempotent), with progress, status and score; reads go through the
// request's loaders, writes through one transaction each, access through the policy table (okrs.write,
// okrs.private.read).
import { defineModule } from '../module.js';
import { seedDemoObjectives } from './demo/demo-objectives.js';
import { readOkrExamples } from './examples/okr-examples.js';
import { forecastTrainer } from './forecast/forecast-trainer.js';
import { ForecastModel } from './forecast/forecast-model.js';
import { KeyResultForecasts } from './forecast/key-result-forecasts.js';
import { KeyResultWrites } from './key-result-writes.service.js';
import type { StatusThresholds } from './math/status.js';
import { ObjectiveReads } from './objective-reads.service.js';
import { ObjectiveWrites } from './objective-writes.service.js';
import { ObjectivesResolver } from './objectives.resolver.js';
import { createOkrLoaders } from './okrs.loader.js';
import {
  CheckInRelationsResolver,
  KeyResultRelationsResolver,
  ObjectiveRelationsResolver,
  UserObjectivesResolver,
} from './okrs.relations.js';
import type { OkrServices } from './okrs.service.js';
import { OkrChanges } from './okr-changes.js';
import { OkrSubscriptionsResolver } from './okr-subscriptions.resolver.js';

export type { OkrServices } from './okrs.service.js';
export { FORECAST_MODEL } from './forecast/forecast-model.js';
export type { DemoSummary } from './demo/demo-objectives.js';
export { keyResultTemplates, parseOkrExamples, readOkrExamples } from './examples/okr-examples.js';
export { DEFAULT_FORECAST_PARAMS, trainForecast, type ForecastEvaluation } from './forecast/forecast-training.js';

declare module '../module.js' {
  interface ModuleServices {
    okrs: OkrServices;
  }
}

export const okrsModule = defineModule({
  name: 'okrs',
  resolvers: [
    ObjectivesResolver,
    ObjectiveRelationsResolver,
    KeyResultRelationsResolver,
    CheckInRelationsResolver,
    UserObjectivesResolver,
    OkrSubscriptionsResolver,
  ],
  create: ({ db, config, pubsub, ml, logger }, modules): OkrServices => {
    const now = () => new Date();
    const reads = new ObjectiveReads(db.prisma);
    const registry = modules.get('registry');
    const forecastModel = new ForecastModel(registry, ml);
    const forecasts = new KeyResultForecasts(db.prisma, forecastModel, logger, now);
    modules
      .get('training')
      .training.addTrainer(
        forecastTrainer({ ml, model: forecastModel, registry, sampleDir: config.SAMPLE_DIR, logger }),
      );
    const changes = new OkrChanges(pubsub, reads, async (change) => {
      // A key result's inputs changed: its forecast (and its objective's mean) is recomputed before anyone hears.
      if (change.keyResultId == null || change.kind === 'KEY_RESULT_REMOVED') return;
      await forecasts
        .refresh([change.keyResultId])
        .catch((error: unknown) => logger.warn({ err: error, change }, 'could not refresh a key-result forecast'));
    });
    const thresholds: StatusThresholds = {
      atRiskGap: config.OKR_AT_RISK_GAP,
      behindGap: config.OKR_BEHIND_GAP,
      atRiskProbability: config.OKR_AT_RISK_PROBABILITY,
      behindProbability: config.OKR_BEHIND_PROBABILITY,
    };
    return {
      reads,
      objectives: new ObjectiveWrites(db.prisma, reads, changes),
      keyResults: new KeyResultWrites(db.prisma, changes),
      changes,
      thresholds,
      forecastModel,
      forecasts,
      seedDemo: async () => seedDemoObjectives(db.prisma, await readOkrExamples(config.SAMPLE_DIR), { now: now() }),
      now,
    };
  },
  resolverInstances: (okrs) => [
    new ObjectivesResolver(okrs),
    new ObjectiveRelationsResolver(okrs),
    new KeyResultRelationsResolver(okrs),
    new UserObjectivesResolver(okrs),
  ],
  loaders: ({ reads, forecasts }, _prime, viewer) => createOkrLoaders(reads, forecasts, viewer),
  streams: ({ changes }) => ({
    objectiveUpdated: (id, viewer) => changes.objectiveUpdates(id, viewer),
    okrActivity: (owner, viewer) => changes.activity(owner, viewer),
  }),
});
