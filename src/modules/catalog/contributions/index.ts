// The contributions module (catalog): who contributed to, starred, forked or watches which repository.
import { defineModule } from '../../module.js';
import { createContributionLoaders } from './contributions.loader.js';
import { ContributionRelationsResolver } from './contributions.relations.js';
import { ContributionService } from './contributions.service.js';

export {
  ContributionKind,
  ContributionService,
  contributionListQuery,
  type ContributionListRequest,
  type ContributionRecord,
  type ContributorRecord,
  type UserContributionRecord,
} from './contributions.service.js';
export {
  Contribution,
  ContributionConnection,
  RepositoryContributorConnection,
  RepositoryContributorEdge,
} from './contribution.type.js';
export { ContributionsArgs } from './contributions.args.js';
export { contributionRepositoryFields, contributorFields } from './contributions.fields.js';
export { createContributionLoaders, type ContributionLoaders } from './contributions.loader.js';

declare module '../../module.js' {
  interface ModuleServices {
    contributions: { contributions: ContributionService };
  }
}

export const contributionsModule = defineModule({
  name: 'contributions',
  resolvers: [ContributionRelationsResolver],
  create: ({ db }) => ({ contributions: new ContributionService(db.prisma, db.sql) }),
  // Contributor and contribution pages bring their users / repositories along: later loads of them are free.
  loaders: ({ contributions }, prime) => createContributionLoaders(contributions, prime),
});
