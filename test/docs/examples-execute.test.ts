// Every operation a reader is shown must answer with data and no error on the shipped sample: each ```graphql block
// of README.md and docs/*.md and each operation of every examples.graphql, executed in order against the composed
// app after the sample is imported and repo-language is trained (as a fresh `npm start` does). Variables are the
// ones a reader would type (below); state an example needs (a run, a second model version) is made here first.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  Kind,
  OperationTypeNode,
  parse,
  print,
  type DocumentNode,
  type ExecutionResult,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/modules/import/index.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { FakeGithub } from '../support/fake-github.js';
import { TEST_ACTOR } from '../support/app.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Example {
  /** "README.md #1", or "src/modules/…/examples.graphql RepositoryOverview". */
  name: string;
  /** The example as written, comments included (print() drops them). */
  source?: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

function markdownExamples(): Example[] {
  const files = ['README.md', ...readdirSync(`${ROOT}docs`).map((name) => `docs/${name}`)].filter((path) =>
    path.endsWith('.md'),
  );
  return files.flatMap((path) =>
    [...readFileSync(`${ROOT}${path}`, 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((match, i) => {
      const document = parse(match[1]!);
      return { name: `${path} #${i + 1}`, source: match[1]!, document, operation: operationOf(document) };
    }),
  );
}

function examplesFiles(dir = `${ROOT}src/modules`): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? examplesFiles(`${dir}/${entry.name}`)
      : entry.name === 'examples.graphql'
        ? [`${dir}/${entry.name}`]
        : [],
  );
}

function fileExamples(): Example[] {
  return examplesFiles()
    .sort()
    .flatMap((path) => {
      const document = parse(readFileSync(path, 'utf8'));
      const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
      return document.definitions
        .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
        .map((operation) => ({
          name: `${path.slice(ROOT.length)} ${operation.name?.value ?? '(anonymous)'}`,
          document: { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] },
          operation,
        }));
    });
}

const sourceOf = (example: Example) => example.source ?? '';

function operationOf(document: DocumentNode): OperationDefinitionNode {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('an example without an operation');
  return operation;
}

/** What the examples are run against, filled in once the sample is in. */
interface State {
  runId: string;
  /** A run recorded but never handed to anyone: what CancelRun cancels. */
  queuedRunId: string;
  repository: string;
  login: string;
  /** A user with the most contributions: one with recommendations. */
  contributor: string;
  topic: string;
  language: string;
  github: FakeGithub;
  /** An objective of `login` with a key result (checked in once), and spares the examples archive or remove. */
  objectiveId: number;
  keyResultId: number;
  spareObjectiveId: number;
  spareKeyResultId: number;
}

/** Variables by operation name (examples.graphql) or by example name (markdown); none needed otherwise. */
function variablesFor(example: Example, state: State): Record<string, unknown> {
  const byOperation: Record<string, Record<string, unknown>> = {
    IngestFromGithub: { input: { fullNames: ['octocat/Hello-World'] } },
    IngestOwnerRefresh: { owner: 'octocat' },
    GithubIngestProgress: { id: state.runId },
    PipelineRun: { id: state.runId },
    RecentPipelineRuns: { first: 5 },
    LivePipelineRuns: { first: 5 },
    PipelineRunsBetween: { status: ['SUCCEEDED'], createdAfter: '2020-01-01T00:00:00.000Z', first: 5 },
    CancelRun: { id: state.queuedRunId, reason: 'no longer needed' },
    PipelineRunUpdated: { id: state.runId },
    Models: { first: 5 },
    ModelDetail: { name: 'repo-language' },
    ModelVersion: { name: 'repo-language', version: 1 },
    CreateModel: {
      input: {
        name: 'kr-example',
        task: 'REGRESSION',
        inputSchema: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] },
        outputSchema: { names: ['y'] },
      },
    },
    SetModelAlias: { name: 'repo-language', alias: 'challenger', version: 1, reason: 'try it on 10%' },
    DeleteModelAlias: { name: 'repo-language', alias: 'challenger', reason: 'done' },
    SetTrafficSplit: { name: 'repo-language', routes: [{ alias: 'champion', weight: 1 }], reason: 'all champion' },
    LoadModel: { name: 'repo-language', alias: 'champion' },
    UnloadModel: { name: 'repo-language', alias: 'champion' },
    ModelEvents: { model: 'repo-language' },
    Predict: { model: 'repo-language', inputs: [{ name: 'mini-redis', description: 'Redis server in Tokio' }] },
    Predictions: { name: 'repo-language', first: 5 },
    TrainModel: { name: 'repo-language', params: { epochs: 2 }, promote: false },
    TrainingProgress: { id: state.runId },
    Languages: { first: 5 },
    Language: { name: state.language },
    Node: { id: toGlobalId('Repository', 1) },
    Nodes: { ids: [toGlobalId('Repository', 1), toGlobalId('Repository', 2)] },
    Repository: { fullName: state.repository },
    RepositoriesPage: { first: 5 },
    RepositorySearch: { filter: { text: 'machine learning' }, first: 5 },
    RepositoryOverview: { fullName: state.repository },
    SimilarRepositories: { fullName: state.repository, first: 5 },
    SearchRepositories: { query: 'machine learning framework', first: 5 },
    Topic: { name: state.topic },
    TopicSearch: { filter: { text: 'python' }, first: 5 },
    User: { login: state.login },
    UserProfile: { login: state.login },
    UserSearch: { first: 5 },
    UserRecommendations: { login: state.contributor, first: 5 },
    RecommendationsUpdated: { login: state.contributor },
    Objective: { id: state.objectiveId },
    UserObjectives: { login: state.login },
    CreateObjective: { input: { title: 'Grow the community', period: '2026-Q4', owner: state.login } },
    UpdateObjective: { id: state.objectiveId, input: { description: 'Quarterly goal' }, expectedVersion: 1 },
    ArchiveObjective: { id: state.spareObjectiveId },
    AddKeyResult: {
      input: {
        objectiveId: state.objectiveId,
        title: 'Reach 500 stars',
        startValue: 100,
        targetValue: 500,
        dueDate: '2026-12-31',
      },
    },
    UpdateKeyResult: { id: state.keyResultId, input: { targetValue: 60 } },
    RemoveKeyResult: { id: state.spareKeyResultId },
    CheckIn: { input: { keyResultId: state.keyResultId, value: 30, confidence: 0.6, idempotencyKey: 'example-1' } },
    ObjectiveUpdated: { id: state.objectiveId },
    OkrActivity: { owner: state.login },
    RecommendationsForProfile: {
      likedRepositories: [state.repository],
      languages: [state.language],
      topics: [state.topic],
      text: 'fast and simple',
    },
  };
  const name = example.operation.name?.value;
  const needed = example.operation.variableDefinitions ?? [];
  if (name && byOperation[name]) return byOperation[name];
  if (needed.some((v) => v.variable.name.value === 'id')) return { id: state.runId };
  return {};
}

describe('Documented GraphQL: every example answers with data on the sample', () => {
  let t: TestApp;
  let state: State;
  const examples = [...markdownExamples(), ...fileExamples()];

  beforeAll(async () => {
    const github = await FakeGithub.start();
    github.addRepository('octocat/Hello-World');
    github.addRepository('octocat/Spoon-Knife');
    t = await createTestApp({ GITHUB_API_URL: github.url, GITHUB_TOKEN: 'ghp_valid' });
    const { config } = t.app;
    await t.app.modules.get('import').importer.importSample(config.SAMPLE_DIR, silentProgress());
    await t.app.modules.get('training').training.train({ model: 'repo-language', promote: true }, silentProgress());
    const run = await t.app.modules.get('import').runs.startSample(TEST_ACTOR);
    await t.app.modules.get('pipeline').pipeline.waitFor(run.id);
    const recommended = await t.app.modules.get('recommendations').runs.start({}, TEST_ACTOR);
    await t.app.modules.get('pipeline').pipeline.waitFor(recommended.id);
    const [contributor] = await t.app.db.sql.query<{ login: string }>(
      `SELECT u.login FROM users u JOIN contributions c ON c.user_id = u.id
        GROUP BY u.login ORDER BY count(*) DESC, u.login LIMIT 1`,
    );
    const top = await t.app.db.prisma.repository.findFirst({
      where: { language: { not: null }, topics: { isEmpty: false } },
      orderBy: { stars: 'desc' },
      include: { owner: true },
    });
    const queued = await t.app.modules
      .get('pipeline')
      .pipeline.create('IMPORT', { sample: config.SAMPLE_DIR }, TEST_ACTOR);
    const okrs = t.app.modules.get('okrs');
    const objective = await okrs.objectives.create(
      { title: 'Ship the recommender', period: '2026-Q4', owner: top!.owner.login },
      TEST_ACTOR,
    );
    const addKr = (objectiveId: number, title: string) =>
      okrs.keyResults.add({ objectiveId, title, startValue: 0, targetValue: 50, dueDate: '2026-12-15' }, TEST_ACTOR);
    const keyResult = await addKr(objective.id, 'Recall@10 above 0.45 (×100)');
    const spareKeyResult = await addKr(objective.id, 'A spare key result');
    await okrs.keyResults.checkIn({ keyResultId: keyResult.id, value: 20, confidence: 0.7 }, TEST_ACTOR);
    const spare = await okrs.objectives.create(
      { title: 'A spare objective', period: '2026-Q4', owner: top!.owner.login },
      TEST_ACTOR,
    );
    state = {
      objectiveId: objective.id,
      keyResultId: keyResult.id,
      spareObjectiveId: spare.id,
      spareKeyResultId: spareKeyResult.id,
      runId: run.id,
      queuedRunId: queued.id,
      repository: top!.fullName,
      login: top!.owner.login,
      contributor: contributor!.login,
      topic: top!.topics[0]!,
      language: top!.language!,
      github,
    };
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await state?.github.close();
  });

  it('finds the examples (README, docs, every module)', () => {
    expect(examples.filter((e) => e.name.startsWith('README.md')).length).toBeGreaterThan(5);
    expect(examples.filter((e) => e.name.includes('examples.graphql')).length).toBeGreaterThan(40);
  });

  it('runs each in order without errors, with data', async () => {
    const failures: string[] = [];
    for (const example of examples) {
      const variables = variablesFor(example, state);
      let result: ExecutionResult;
      if (example.operation.operation === OperationTypeNode.SUBSCRIPTION) {
        const stream = await t.subscribe(print(example.document), variables);
        if (!(Symbol.asyncIterator in stream)) {
          result = stream;
        } else {
          // Registry events arrive on a change: make one (a reason on an alias move) once subscribed.
          const first = stream.next();
          if (example.operation.name?.value === 'ModelEvents' || /modelEvents/.test(print(example.document)))
            await t.run(`mutation { setModelAlias(name: "repo-language", alias: "example", version: 1) { alias } }`);
          // A user's recommendations update when a run scores them again: a full run scores everyone.
          if (example.operation.name?.value === 'RecommendationsUpdated')
            await t.run('mutation { runRecommendations(full: true) { id } }');
          // OKR subscriptions hear of a check-in on the example objective.
          if (['ObjectiveUpdated', 'OkrActivity'].includes(example.operation.name?.value ?? ''))
            await t.run(`mutation { checkIn(input: { keyResultId: ${state.keyResultId}, value: 35 }) { id } }`);
          // The activity log hears of a pipeline run started: a tiny kr-forecast training (waited for below).
          let started: string | undefined;
          if (example.operation.name?.value === 'LiveActivity') {
            const run = await t.run<{ trainModel: { id: string } }>(
              'mutation { trainModel(name: "kr-forecast", params: { maxSamples: 200, epochs: 1 }) { id } }',
            );
            started = run.data?.trainModel.id;
          }
          result = ((await first).value as ExecutionResult | undefined) ?? { errors: [] };
          await stream.return?.();
          if (started) await t.app.modules.get('pipeline').pipeline.waitFor(started);
        }
      } else {
        result = await t.run(example.document, variables);
      }
      const problem = result.errors?.length
        ? result.errors.map((e) => e.message).join('; ')
        : !result.data || Object.values(result.data).some((v) => v === null)
          ? `no data: ${JSON.stringify(result.data)}`
          : null;
      if (problem) failures.push(`${example.name}: ${problem}`);
      // A result the text shows (`# [{ label: "Rust", …`) must be the one the example gives.
      const shown =
        /# \[\{ label: "([^"]+)"/.exec(print(example.document)) ?? /# \[\{ label: "([^"]+)"/.exec(sourceOf(example));
      if (shown && !problem) {
        const outputs = (result.data?.['predict'] as { outputs: Array<{ label: string }> }).outputs;
        if (outputs[0]?.label !== shown[1])
          failures.push(`${example.name}: the text shows label ${shown[1]}, the example answers ${outputs[0]?.label}`);
      }
      // A run started by an example (import, training, ingestion) is waited for: the next one may need its data.
      for (const value of Object.values(result.data ?? {})) {
        const id = (value as { id?: unknown } | null)?.id;
        if (typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id))
          await t.app.modules
            .get('pipeline')
            .pipeline.waitFor(id)
            .catch(() => undefined);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
