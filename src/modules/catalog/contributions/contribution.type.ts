// GraphQL types of contributions: a user's contributions (nodes) and a repository's contributors (users on
// edges that carry the contribution's kind and weight, as GitHub's API puts data about a relation on its edge).
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../../graphql/connection.js';
import { User } from '../users/index.js';
import { ContributionKind, type UserContributionRecord } from './contributions.service.js';

registerEnumType(ContributionKind, {
  name: 'ContributionKind',
  description: 'How a user relates to a repository.',
  valuesConfig: {
    CONTRIBUTED: { description: 'Wrote to it; the weight counts their contributions.' },
    STARRED: { description: 'Starred it.' },
    FORKED: { description: 'Forked it.' },
    WATCHED: { description: 'Watches it.' },
  },
});

/** `repository` and `user` are in contributions.relations.ts. */
@ObjectType({ description: "A user's contribution to a repository." })
export class Contribution {
  constructor(readonly record: UserContributionRecord) {}

  @Field(() => ContributionKind)
  get kind(): ContributionKind {
    return this.record.kind;
  }

  @Field(() => Float, { description: 'How much: for CONTRIBUTED the number of contributions; 1 otherwise.' })
  get weight(): number {
    return this.record.weight;
  }
}

@ObjectType()
export class ContributionConnection extends ConnectionType(Contribution, 'Contribution') {}

@ObjectType('RepositoryContributorEdge', { description: 'A contributor of a repository and how much they did.' })
export class RepositoryContributorEdge extends EdgeType(User) {
  @Field(() => ContributionKind)
  kind!: ContributionKind;

  @Field(() => Float, { description: 'How much: for CONTRIBUTED the number of contributions; 1 otherwise.' })
  weight!: number;
}

@ObjectType()
export class RepositoryContributorConnection extends ConnectionType(
  User,
  'RepositoryContributor',
  RepositoryContributorEdge,
) {}
