import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../../graphql/connection.js';
import { DateTimeScalar } from '../../../graphql/scalars.js';
import { Repository } from '../../catalog/index.js';

@ObjectType({ description: 'Each signal of a recommendation, in [0, 1] for this user (1: the strongest they have).' })
export class RecommendationComponents {
  @Field(() => Float, { description: "Embedding similarity between the user's repositories and this one." })
  semantic!: number;

  @Field(() => Float, { description: "Co-contribution: this repository's contributors also contribute where they do." })
  collaborative!: number;

  @Field(() => Float, { description: "Share of the user's repositories with this repository's owner." })
  owner!: number;

  @Field(() => Float, { description: "Share of the user's repositories in this repository's language." })
  techStack!: number;

  @Field(() => Float, { description: "Topics shared with the user's repositories." })
  topics!: number;

  @Field(() => Float, { description: 'Stars, on a log scale.' })
  popularity!: number;

  @Field(() => Float, { description: 'How recently it was pushed to (one-year half-life).' })
  freshness!: number;
}

@ObjectType({ description: 'A repository recommended to a user, with why.' })
export class Recommendation {
  @Field(() => Repository)
  repository!: Repository;

  @Field(() => Float, { description: "The ranker's weighted sum of the components (or of `weights`, when given)." })
  score!: number;

  @Field(() => Int, { description: '1-based position in the whole list (filters and weights applied).' })
  rank!: number;

  @Field(() => RecommendationComponents)
  components!: RecommendationComponents;

  @Field(() => [String], { description: 'Why, for a person to read; the strongest reason first.' })
  reasons!: string[];
}

@ObjectType('RecommendationEdge')
export class RecommendationEdge extends EdgeType(Recommendation) {}

@ObjectType()
export class RecommendationConnection extends ConnectionType(Recommendation, 'Recommendation', RecommendationEdge) {}

@InputType({ description: 'Narrows a user’s recommendations (applied to the stored top 50).' })
export class RecommendationFilter {
  @Field(() => String, { nullable: true, description: 'Primary language (case-insensitive).' })
  language?: string | null;

  @Field(() => [String], { nullable: true, description: 'Every one of these topics.' })
  topics?: string[] | null;
}

@InputType({
  description:
    'Weights of the signals for this request instead of the ranker’s (non-negative, not all zero; a signal left ' +
    'out weighs 0). The stored top 50 are ranked again by them.',
})
export class SignalWeightsInput {
  @Field(() => Float, { nullable: true })
  semantic?: number | null;

  @Field(() => Float, { nullable: true })
  collaborative?: number | null;

  @Field(() => Float, { nullable: true })
  owner?: number | null;

  @Field(() => Float, { nullable: true })
  techStack?: number | null;

  @Field(() => Float, { nullable: true })
  topics?: number | null;

  @Field(() => Float, { nullable: true })
  popularity?: number | null;

  @Field(() => Float, { nullable: true })
  freshness?: number | null;
}

@ObjectType({ description: 'The recommendations readers see: the last RECOMMEND run that completed.' })
export class RecommendationPublication {
  @Field(() => String, { description: 'The RECOMMEND pipeline run (see `pipelineRun(id)`).' })
  runId!: string;

  @Field(() => DateTimeScalar)
  publishedAt!: Date;

  @Field(() => String, { description: 'The text encoder the vectors were made with, e.g. "hashing-v1".' })
  encoder!: string;

  @Field(() => String, { description: 'The ranker version, e.g. "recommendation-ranker@1".' })
  ranker!: string;

  @Field(() => Int, { description: 'Users with a list.' })
  users!: number;
}

@ObjectType({ description: 'A user’s recommendations were scored again and published.' })
export class RecommendationsUpdate {
  @Field(() => String)
  login!: string;

  @Field(() => String, { description: 'The RECOMMEND run now published.' })
  runId!: string;

  @Field(() => DateTimeScalar)
  publishedAt!: Date;
}
