// The training module: TRAIN pipeline runs (mutation, CLI, any worker) that train, evaluate and register model
// versions in the registry and promote them by their held-out metrics; the params they take; the built-in recipes.
import { defineModule } from '../module.js';
import { TrainingResolver } from './training.resolver.js';
import { TrainingService } from './training.service.js';

export {
  TrainingService,
  type ModelTrainer,
  type TrainingProgress,
  type TrainingServiceOptions,
} from './training.service.js';
export { TrainingResolver } from './training.resolver.js';
export { parseTrainRequest, type TrainRequest } from './train-request.js';
export {
  DEFAULT_TRAINING_PARAMS,
  TRAINING_PARAM_RANGES,
  describeTrainingParams,
  parseTrainingParams,
  type TrainingParams,
} from './training-params.js';
export type { TrainingResult } from './training-result.js';
export type { ClassifierRecipe, LabelledExample } from './recipe.js';
export { BUILTIN_RECIPES, OTHER_LANGUAGE, TOP_LANGUAGES, repoLanguageRecipe } from './recipes/index.js';
export { PREVIOUS_CHAMPION, promoteIfBetter, type PromotionOutcome } from './promotion.js';
export { classificationMetrics, majorityBaseline, type ClassificationMetrics } from './classification-metrics.js';
export { splitPart, TEST_SHARE } from './split.js';
export { buildVocabulary } from './vocabulary.js';

declare module '../module.js' {
  interface ModuleServices {
    training: { training: TrainingService };
  }
}

export const trainingModule = defineModule({
  name: 'training',
  resolvers: [TrainingResolver],
  create: ({ db, ml, logger }, modules) => ({
    training: new TrainingService({
      prisma: db.prisma,
      runtime: ml,
      pipeline: modules.get('pipeline').pipeline,
      models: modules.get('registry'),
      logger,
    }),
  }),
  resolverInstances: ({ training }) => [new TrainingResolver(training)],
  handlers: ({ training }) => ({ TRAIN: async (params, run) => ({ ...(await training.train(params, run)) }) }),
});
