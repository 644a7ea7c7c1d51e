// A recipe's model definition: the one in the registry, or, on its first training, one created from the recipe
// with the labels its data calls for. The labels then stay fixed for every later version (the output schema is
// the model's contract with its clients), so versions answer in the same terms and their metrics compare.
import { systemActor } from '../../access/index.js';
import { AppError, ErrorCode, badInput, isAppError } from '../../errors.js';
import {
  parseFeatures,
  parseInputSchema,
  type FeatureSpec,
  type ModelRecord,
  type ModelService,
} from '../registry/index.js';
import type { ClassifierRecipe, LabelledExample } from './recipe.js';

export async function ensureDefinition(
  models: ModelService,
  recipe: ClassifierRecipe,
  examples: readonly LabelledExample[],
): Promise<ModelRecord> {
  const existing = await find(models, recipe.model);
  if (existing) return checked(existing);
  try {
    // The TRAIN run was authorised when it was started (training.start); defining its model is part of it.
    return await models.create(
      {
        name: recipe.model,
        description: recipe.definition.description,
        task: 'classification',
        inputSchema: recipe.definition.inputSchema,
        outputSchema: { labels: recipe.labels(examples) },
      },
      systemActor('training'),
    );
  } catch (error) {
    // Another run created it first: train against that one.
    if (error instanceof AppError && error.code === ErrorCode.CONFLICT)
      return checked((await find(models, recipe.model))!);
    throw error;
  }
}

async function find(models: ModelService, name: string): Promise<ModelRecord | null> {
  try {
    return await models.getByName(name);
  } catch (error) {
    if (isAppError(error) && error.code === ErrorCode.NOT_FOUND) return null;
    throw error;
  }
}

function checked(model: ModelRecord): ModelRecord {
  if (model.task !== 'classification')
    throw badInput(`model "${model.name}" is a ${model.task} model; its recipe trains a classifier`, {
      argument: 'name',
    });
  return model;
}

/** The recipe's features must read the model's input fields (a definition made by an older recipe may lack some). */
export function checkFeatures(model: ModelRecord, features: FeatureSpec[]): void {
  try {
    parseFeatures(features, parseInputSchema(model.inputSchema));
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw badInput(
      `the recipe's features do not fit the input schema of model "${model.name}" (${error.message}); ` +
        'train it under a new model name, or recreate the definition',
      { argument: 'name' },
    );
  }
}
