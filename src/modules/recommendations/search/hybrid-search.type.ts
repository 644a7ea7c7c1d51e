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
  @Field(() => Repository)
  readonly repository: Repository;

  @Field(() => Float, {
    description: 'Reciprocal rank fusion: Σ 1 / (60 + rank) over the lists that found it (higher is better).',
  })
  readonly score: number;

  @Field(() => [SearchMatchKind])
  readonly matchedBy: SearchMatch[];

  constructor(repository: Repository, score: number, matchedBy: SearchMatch[]) {
    this.repository = repository;
    this.score = score;
    this.matchedBy = matchedBy;
  }
}

@ObjectType({ description: 'Best first.' })
export class RepositorySearchResults {
  @Field(() => [RepositorySearchHit])
  readonly nodes: RepositorySearchHit[];

  constructor(nodes: RepositorySearchHit[]) {
    this.nodes = nodes;
  }
}
