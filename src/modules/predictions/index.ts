// The predictions module: the sampled log of served predictions (written in batches off the request path) and
// its reads, `Model.predictions`.
import { announceActivity } from '../events/index.js';
import { defineModule } from '../module.js';
import { ModelPredictionsRelationsResolver } from './model-predictions.relations.js';
import { PredictionRelationsResolver } from './prediction.relations.js';
import { createPredictionLoaders } from './predictions.loader.js';
import { PredictionService } from './predictions.service.js';

export { PredictionService, type PredictionRecord } from './predictions.service.js';
export { Prediction, PredictionConnection } from './prediction.type.js';

declare module '../module.js' {
  interface ModuleServices {
    predictions: { predictions: PredictionService };
  }
}

export const predictionsModule = defineModule({
  name: 'predictions',
  resolvers: [PredictionRelationsResolver, ModelPredictionsRelationsResolver],
  create: ({ db, config, logger, pubsub }) => ({
    predictions: new PredictionService(db.prisma, {
      sampleRate: config.PREDICTION_LOG_SAMPLE_RATE,
      logger: logger.child({ module: 'predictions' }),
      onEvents: (events) => announceActivity(pubsub, events),
    }),
  }),
  loaders: ({ predictions }, _prime, viewer) => createPredictionLoaders(predictions, viewer),
  // Writes what is still buffered; serving (composed later, so closed first) logs nothing after its own close.
  close: ({ predictions }) => predictions.flush(),
});
