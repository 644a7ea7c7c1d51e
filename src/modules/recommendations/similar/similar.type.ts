import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { Repository } from '../../catalog/index.js';

@InputType({ description: 'Narrows similar repositories; applied inside the vector index scan.' })
export class SimilarRepositoriesFilter {
  @Field(() => String, { nullable: true, description: 'Primary language (case-insensitive).' })
  language?: string | null;

  @Field(() => [String], { nullable: true, description: 'Every one of these topics.' })
  topics?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'At least this many stars.' })
  minStars?: number | null;
}

@ObjectType({ description: 'A similar repository and how similar (cosine similarity of their embeddings, -1 to 1).' })
export class SimilarRepositoryEdge {
  @Field(() => Repository)
  readonly node: Repository;

  @Field(() => Float)
  readonly similarity: number;

  constructor(node: Repository, similarity: number) {
    this.node = node;
    this.similarity = similarity;
  }
}

@ObjectType({ description: 'Most similar first.' })
export class SimilarRepositoryConnection {
  @Field(() => [SimilarRepositoryEdge])
  readonly edges: SimilarRepositoryEdge[];

  constructor(edges: SimilarRepositoryEdge[]) {
    this.edges = edges;
  }

  @Field(() => [Repository])
  get nodes(): Repository[] {
    return this.edges.map((edge) => edge.node);
  }
}
