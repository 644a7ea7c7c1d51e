import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Repository } from '../../catalog/index.js';
import type { SearchMatch } from './hybrid-search.service.js';

export const SearchMatchKind = { KEYWORD: 'KEYWORD', SEMANTIC: 'SEMANTIC' } as const;
registerEnumType(SearchMatchKind, {
  name: 'SearchMatch',
  description: 'Which retrieval found a result: KEYWORD (full text) or SEMANTIC (embedding of the query).',
});

@ObjectType({ description: 'A repository found by searchRepositories, with its fused score.' })
export class RepositorySearchHit {
  constructor(
    readonly repository: Repository,
    readonly score: number,
    readonly matchedBy: SearchMatch[],
  ) {}

  @Field(() => Repository, { name: 'repository' })
  get node(): Repository {
    return this.repository;
  }

  @Field(() => Float, {
    name: 'score',
    description: 'Reciprocal rank fusion: Σ 1 / (60 + rank) over the lists that found it (higher is better).',
  })
  get fused(): number {
    return this.score;
  }

  @Field(() => [SearchMatchKind], { name: 'matchedBy' })
  get matches(): SearchMatch[] {
    return this.matchedBy;
  }
}

@ObjectType({ description: 'Best first.' })
export class RepositorySearchResults {
  constructor(readonly hits: RepositorySearchHit[]) {}

  @Field(() => [RepositorySearchHit], { name: 'nodes' })
  get nodes(): RepositorySearchHit[] {
    return this.hits;
  }
}
