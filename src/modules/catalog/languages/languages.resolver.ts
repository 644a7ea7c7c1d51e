import { Arg, Args, Query, Resolver } from 'type-graphql';
import { toConnection } from '../../../graphql/connection.js';
import { Language, LanguageConnection } from './language.type.js';
import { LanguagesArgs } from './languages.input.js';
import { languageListQuery } from './languages.query.js';
import type { LanguageService } from './languages.service.js';

@Resolver(() => Language)
export class LanguageResolver {
  constructor(private readonly service: LanguageService) {}

  @Query(() => Language, { nullable: true, description: 'A language by name (case-insensitive).' })
  async language(@Arg('name', () => String) name: string): Promise<Language> {
    return new Language(await this.service.getByName(name));
  }

  @Query(() => LanguageConnection, { description: 'Primary languages of the catalog, with repository counts.' })
  async languages(@Args(() => LanguagesArgs) args: LanguagesArgs): Promise<LanguageConnection> {
    const query = languageListQuery(args);
    const page = await this.service.list(query);
    return toConnection(LanguageConnection, page, {
      node: (row) => new Language(row),
      totalCount: () => this.service.count(query),
    });
  }
}
