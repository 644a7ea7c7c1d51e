export {
  ContributionKind,
  ContributionService,
  contributionListQuery,
  type ContributionListRequest,
  type ContributionRecord,
  type ContributorRecord,
  type UserContributionRecord,
} from './contributions.service.js';
export { createContributionLoaders, type ContributionLoaders } from './contributions.loader.js';
export {
  Contribution,
  ContributionConnection,
  RepositoryContributorConnection,
  RepositoryContributorEdge,
} from './contribution.type.js';
export { ContributionsArgs } from './contributions.args.js';
export { ContributionRelationsResolver } from './contributions.relations.js';
