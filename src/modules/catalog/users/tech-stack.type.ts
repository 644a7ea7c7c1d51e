import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { TechStackRecord, TechStackShare as TechStackShareRecord } from './tech-stack.js';

@ObjectType({ description: "One language or topic of a user's tech stack and its share of their contributions." })
export class TechStackShare {
  @Field(() => String)
  name!: string;

  @Field(() => Float, { description: 'Fraction (0 to 1) of the contribution weight; all entries sum to 1.' })
  share!: number;

  @Field(() => Float, { description: 'The contribution weight behind the share.' })
  weight!: number;

  @Field(() => Int, { description: 'Repositories contributed to with this language or topic.' })
  repositoryCount!: number;
}

@ObjectType({
  description:
    'What a user works with: the languages and topics of the repositories they contributed to, weighted by how ' +
    "much they contributed (a repository's weight is split evenly over its topics). Largest share first.",
})
export class TechStack {
  constructor(record: TechStackRecord) {
    const wrap = (shares: readonly TechStackShareRecord[]) => shares.map((s) => Object.assign(new TechStackShare(), s));
    this.languages = wrap(record.languages);
    this.topics = wrap(record.topics);
  }

  @Field(() => [TechStackShare])
  languages: TechStackShare[];

  @Field(() => [TechStackShare])
  topics: TechStackShare[];
}
