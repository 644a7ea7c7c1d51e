// The models this deployment knows how to train, by name.
import type { ClassifierRecipe } from '../recipe.js';
import { repoLanguageRecipe } from './repo-language.js';

export const BUILTIN_RECIPES: readonly ClassifierRecipe[] = [repoLanguageRecipe];
export { repoLanguageRecipe, OTHER_LANGUAGE, TOP_LANGUAGES } from './repo-language.js';
