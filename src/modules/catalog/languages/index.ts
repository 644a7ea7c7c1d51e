// The languages module (catalog): programming languages with their statistics and repositories.
import { defineModule } from '../../module.js';
import { createLanguageLoaders } from './languages.loader.js';
import { LanguageRelationsResolver } from './languages.relations.js';
import { LanguageResolver } from './languages.resolver.js';
import { LanguageService } from './languages.service.js';

export { LanguageService, type LanguageRecord } from './languages.service.js';
export { Language, LanguageConnection } from './language.type.js';
export { createLanguageLoaders, type LanguageLoaders } from './languages.loader.js';

declare module '../../module.js' {
  interface ModuleServices {
    languages: { languages: LanguageService };
  }
}

export const languagesModule = defineModule({
  name: 'languages',
  resolvers: [LanguageResolver, LanguageRelationsResolver],
  create: ({ db }) => ({ languages: new LanguageService(db.prisma) }),
  resolverInstances: ({ languages }) => [new LanguageResolver(languages)],
  loaders: ({ languages }) => createLanguageLoaders(languages),
});
