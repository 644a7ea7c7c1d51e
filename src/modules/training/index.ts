// The training module's public face: TRAIN pipeline runs (mutation, CLI, later a worker by kind), the params they
// take, and the built-in recipes.
export { TrainingService, type TrainingProgress, type TrainingServiceOptions } from './training.service.js';
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
export { PREVIOUS_CHAMPION, type PromotionOutcome } from './promotion.js';
export { classificationMetrics, majorityBaseline, type ClassificationMetrics } from './classification-metrics.js';
export { splitPart, TEST_SHARE } from './split.js';
