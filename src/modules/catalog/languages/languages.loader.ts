// The request's language loader: statistics by exact name (a repository's primary language, node lookups).
import type DataLoader from 'dataloader';
import { mapLoader } from '../../../graphql/loader-family.js';
import type { LanguageRecord, LanguageService } from './languages.service.js';

declare module '../../../graphql/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Loaders extends LanguageLoaders {}
}

export interface LanguageLoaders {
  languageByName: DataLoader<string, LanguageRecord | null>;
}

export function createLanguageLoaders(languages: LanguageService): LanguageLoaders {
  return { languageByName: mapLoader((names) => languages.findByNames(names), null) };
}
