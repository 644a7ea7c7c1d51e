// Every field of every object type in the schema, asked of 5 parents and of 10 times as many: the statements
// sent must be the same count. A field that reads per parent (an unbatched relation) sends more for more parents
// and fails here. A new object type fails too until it is given a way to list its parents (PARENTS) or a reason
// it is never listed (SINGLE), so nothing joins the schema unchecked.
import 'reflect-metadata';
import {
  getNamedType,
  isEnumType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ACTOR, type TestApp } from '../support/app.js';
import { seedCatalog, seedContributors } from '../support/catalog.js';
import { seedRegistry } from '../support/registry-rows.js';
import { seedOkrs } from '../support/okrs.js';

/** Users who contribute (seedContributors' "dev-" users; repository owners contribute nothing). */
const developers = (n: number) => `users(first: ${n}, filter: { text: "dev" }, orderBy: { field: LOGIN })`;

/** How to list parents of a type: `n` outer items, `inner` the selection on each parent. */
const PARENTS: Record<string, (n: number, inner: string) => string> = {
  Repository: (n, inner) => `repositories(first: ${n}) { nodes { ${inner} } }`,
  User: (n, inner) => `users(first: ${n}) { nodes { ${inner} } }`,
  Topic: (n, inner) => `topics(first: ${n}) { nodes { ${inner} } }`,
  Language: (n, inner) => `languages(first: ${n}) { nodes { ${inner} } }`,
  Contribution: (n, inner) => `${developers(n)} { nodes { contributions(first: 2) { nodes { ${inner} } } } }`,
  TechStack: (n, inner) => `${developers(n)} { nodes { techStack(limit: 3) { ${inner} } } }`,
  TechStackShare: (n, inner) => `${developers(n)} { nodes { techStack(limit: 3) { languages { ${inner} } } } }`,
  PipelineRun: (n, inner) => `pipelineRuns(first: ${n}) { nodes { ${inner} } }`,
  PipelineStage: (n, inner) => `pipelineRuns(first: ${n}) { nodes { stages { ${inner} } } }`,
  Model: (n, inner) => `models(first: ${n}) { nodes { ${inner} } }`,
  ModelVersion: (n, inner) => `models(first: ${n}) { nodes { versions(first: 2) { nodes { ${inner} } } } }`,
  ModelFeature: (n, inner) =>
    `models(first: ${n}) { nodes { versions(first: 2) { nodes { features { ${inner} } } } } }`,
  ModelAlias: (n, inner) => `models(first: ${n}) { nodes { aliases { ${inner} } } }`,
  ModelAliasEvent: (n, inner) => `models(first: ${n}) { nodes { aliasHistory(first: 2) { nodes { ${inner} } } } }`,
  TrafficRoute: (n, inner) => `models(first: ${n}) { nodes { trafficSplit { ${inner} } } }`,
  Prediction: (n, inner) => `models(first: ${n}) { nodes { predictions(first: 2) { nodes { ${inner} } } } }`,
  Recommendation: (n, inner) => `${developers(n)} { nodes { recommendations(first: 3) { nodes { ${inner} } } } }`,
  Objective: (n, inner) => `objectives(first: ${n}) { nodes { ${inner} } }`,
  KeyResult: (n, inner) => `objectives(first: ${n}) { nodes { keyResults(first: 2) { nodes { ${inner} } } } }`,
  CheckIn: (n, inner) =>
    `objectives(first: ${n}) { nodes { keyResults(first: 2) { nodes { checkIns(first: 2) { nodes { ${inner} } } } } } }`,
  RecommendationComponents: (n, inner) =>
    `${developers(n)} { nodes { recommendations(first: 3) { nodes { components { ${inner} } } } } }`,
};

/**
 * Types never listed from the database, with why: returned one at a time (a per-parent read cannot multiply), or
 * read from this process's memory (serving counters and the loaded-model cache).
 */
const SINGLE: Record<string, string> = {
  VersionServingStats: "Model.servingStats: this process's counters, no statement",
  LoadedModelVersion: "Model.loadedVersions, modelCache: this process's cache, no statement",
  ServerInfo: 'serverInfo: one per query',
  TfjsInfo: 'a part of ServerInfo',
  PipelineExecution: 'a part of ServerInfo',
  ModelCacheInfo: 'modelCache: one per query',
  PredictionResult: 'predict: one per mutation',
  ModelEvent: 'modelEvents: one per subscription event',
  ModelEventRoute: 'a part of ModelEvent',
  Viewer: 'viewer: one per query, from the request (no statement)',
  RepositorySearchResults: 'searchRepositories: one per query',
  RepositorySearchHit: 'a part of RepositorySearchResults (its repositories: one loadMany for the list)',
  RecommendationPublication: 'serverInfo.recommendations: one per query',
  RecommendationsUpdate: 'recommendationsUpdated: one per subscription event',
  OkrActivity: 'okrActivity: one per subscription event (its objective: one read per event)',
  KeyResultForecast: 'KeyResult.forecast: scalars of one loaded forecast (the KeyResult entry covers its loader)',
  Event: 'events: one page per query, scalars only (no relation to batch)',
  ProfileRecommendations: 'recommendationsForProfile: one per query (its repositories and owners: one loadMany each)',
};

/** Values for required arguments (none yet: a field with one fails until its value is given here). */
const REQUIRED_ARGUMENTS: Record<string, string> = {};

const isPlumbing = (type: GraphQLObjectType) =>
  type.name.startsWith('__') ||
  ['Query', 'Mutation', 'Subscription', 'PageInfo'].includes(type.name) ||
  /(Connection|Edge)$/.test(type.name);

/** Leaf fields without arguments: what a selection of an object type asks for. */
function leaves(type: GraphQLObjectType): string {
  const names = Object.values(type.getFields())
    .filter((field) => field.args.length === 0 && isLeaf(field))
    .map((field) => field.name);
  return ['__typename', ...names].join(' ');
}

const isLeaf = (field: GraphQLField<unknown, unknown>) => {
  const named = getNamedType(field.type);
  return isScalarType(named) || isEnumType(named);
};

/** One field of a parent, selected as a client would: a connection with its count, page info and cursors. */
function selection(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): string {
  const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const key = `${type.name}.${field.name}`;
  if (required.length > 0 && !REQUIRED_ARGUMENTS[key])
    throw new Error(`${key} has required arguments: give their values in REQUIRED_ARGUMENTS`);
  const args = REQUIRED_ARGUMENTS[key] ?? '';
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return `${field.name}${args}`;
  if (named.name.endsWith('Connection')) {
    const edge = getNamedType(named.getFields()['edges']!.type) as GraphQLObjectType;
    const node = getNamedType(named.getFields()['nodes']!.type) as GraphQLObjectType;
    return `${field.name}${args} { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { ${leaves(edge)} } nodes { ${leaves(node)} } }`;
  }
  return `${field.name}${args} { ${leaves(named)} }`;
}

/** How many objects of `typename` the result holds (the parents the field was asked of). */
function countTyped(value: unknown, typename: string): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countTyped(item, typename), 0);
  if (value === null || typeof value !== 'object') return 0;
  const own = (value as { __typename?: string }).__typename === typename ? 1 : 0;
  return own + Object.values(value).reduce((sum: number, item) => sum + countTyped(item, typename), 0);
}

describe('Relation batching: every field of every listed type costs the same statements for 5 or 50 parents', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Uncached: a repeated field must cost its statements again (the answer cache is tested on its own).
    t = await createTestApp({ ANSWER_CACHE_TTL_SECONDS: '0' });
    const { prisma } = t.app.db;
    await seedCatalog(prisma, { owners: 60, repositories: 60 });
    await seedContributors(prisma, { pool: 60, perRepository: 4 });
    // A language per repository, so `languages` lists as many parents as the others.
    await prisma.$executeRaw`UPDATE repositories SET language = 'lang-' || (id % 55)`;
    await seedRegistry(prisma, { models: 55 });
    await seedOkrs(prisma, { objectives: 55, keyResultsEach: 2, checkInsEach: 2 });
    const at = new Date().toISOString();
    await prisma.pipelineRun.createMany({
      data: Array.from({ length: 55 }, () => ({
        kind: 'IMPORT' as const,
        status: 'SUCCEEDED' as const,
        stages: [{ name: 'users', status: 'SUCCEEDED', processed: 1, total: 1, startedAt: at, finishedAt: at }],
      })),
    });
    // A third of the users contribute nothing: any page of users mixes both ways User.recommendations answers
    // (a published list, or recommendations from the user's own text).
    await prisma.$executeRaw`DELETE FROM contributions WHERE user_id % 3 = 0`;
    // Published recommendations, so User.recommendations reads lists, profiles, repositories and owners.
    const { pipeline } = t.app.modules.get('pipeline');
    const recommend = await t.app.modules.get('recommendations').runs.start({}, TEST_ACTOR);
    await pipeline.waitFor(recommend.id);
    expect((await pipeline.get(recommend.id)).status).toBe('SUCCEEDED');
  }, 180_000);
  afterAll(() => t.close());

  const types = () =>
    Object.values(t.app.schema.getTypeMap()).filter(
      (type): type is GraphQLObjectType => isObjectType(type) && !isPlumbing(type),
    );

  it('knows how to list the parents of every object type, or why it is never listed', () => {
    const unknown = types()
      .map((type) => type.name)
      .filter((name) => !PARENTS[name] && !SINGLE[name]);
    expect(unknown, 'add these types to PARENTS (how to list them) or SINGLE (why they are never listed)').toEqual([]);
  });

  it('sends as many statements for 50 parents as for 5, field by field', async () => {
    const grew: string[] = [];
    let checked = 0;
    for (const type of types()) {
      const parents = PARENTS[type.name];
      if (!parents) continue;
      for (const field of Object.values(type.getFields())) {
        const inner = `__typename ${selection(type, field)}`;
        const run = async (n: number) => {
          t.resetQueries();
          const result = await t.run(`{ ${parents(n, inner)} }`);
          expect(result.errors, `${type.name}.${field.name}`).toBeUndefined();
          return { statements: t.queries.length, parents: countTyped(result.data, type.name) };
        };
        // Each the fewer of two tries: a process re-reads what is published every few seconds (one statement
        // whenever that time is up, whatever the parents); a per-parent read shows in both tries.
        const fewer = (a: Awaited<ReturnType<typeof run>>, b: Awaited<ReturnType<typeof run>>) =>
          a.statements <= b.statements ? a : b;
        const few = fewer(await run(5), await run(5));
        const many = fewer(await run(50), await run(50));
        // The test can only fail if there really are more parents the second time.
        expect(few.parents, `${type.name}: parents listed`).toBeGreaterThanOrEqual(2);
        expect(many.parents, `${type.name}: parents listed`).toBeGreaterThan(few.parents * 4);
        if (many.statements !== few.statements)
          grew.push(`${type.name}.${field.name}: ${few.statements} → ${many.statements} statements`);
        checked++;
      }
    }
    expect(grew).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  }, 300_000);
});
