// The mutation's input as GraphQL declares it. Values are checked by the service (parseIngestRequest), the one
// validation the CLI shares: a bad value is a BAD_USER_INPUT naming the field.
import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import {
  DEFAULT_CONTRIBUTORS,
  DEFAULT_MAX_REPOSITORIES,
  MAX_CONTRIBUTORS,
  MAX_REPOSITORIES,
} from './ingest-request.js';

export enum GithubProfileScope {
  NONE = 'NONE',
  OWNERS = 'OWNERS',
  OWNERS_AND_CONTRIBUTORS = 'OWNERS_AND_CONTRIBUTORS',
}
registerEnumType(GithubProfileScope, {
  name: 'GithubProfileScope',
  description: 'Whose full user profiles (GET /users/{login}) an ingestion fetches.',
});

@InputType({
  description:
    'What to ingest from GitHub: exactly one of `fullNames`, `owner` or `query`, and how much of each repository.',
})
export class IngestFromGithubInput {
  @Field(() => [String], {
    nullable: true,
    description: `Repositories by full name ("owner/name"), 1 to ${MAX_REPOSITORIES}.`,
  })
  fullNames?: string[] | null;

  @Field(() => String, { nullable: true, description: "A user's or organization's public repositories, by login." })
  owner?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A GitHub repository search, e.g. "language:go stars:>1000" (at most 256 characters).',
  })
  query?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `At most this many repositories from \`owner\` or \`query\`, 1 to ${MAX_REPOSITORIES} (default ${DEFAULT_MAX_REPOSITORIES}).`,
  })
  maxRepositories?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Fetch each repository's top contributors (default true)." })
  includeContributors?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: `Top contributors per repository, 1 to ${MAX_CONTRIBUTORS} (default ${DEFAULT_CONTRIBUTORS}).`,
  })
  contributorsPerRepository?: number | null;

  @Field(() => GithubProfileScope, { nullable: true, description: 'Whose profiles to fetch (default OWNERS).' })
  profiles?: GithubProfileScope | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Refresh: only repositories pushed at or after this instant.',
  })
  refreshSince?: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Refresh: only repositories pushed since the last successful ingestion of the same source started ' +
      '(everything when there was none). Not with `refreshSince`.',
  })
  incremental?: boolean | null;
}
