export { LanguageService, type LanguageRecord } from './languages.service.js';
export { createLanguageLoaders, type LanguageLoaders } from './languages.loader.js';
export { Language, LanguageConnection } from './language.type.js';
export { LanguageResolver } from './languages.resolver.js';
export { LanguageRelationsResolver } from './languages.relations.js';
