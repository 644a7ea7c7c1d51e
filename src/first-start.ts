// What a fresh `npm start` does once it serves: import the shipped sample into an empty catalog, write demo OKRs
// for its users and train kr-forecast (when there is no champion), compute and
// publish recommendations, then train and promote the demo model (repo-language) when no champion serves it, and
// train the text encoder (then recommend again with it) when the registry has none, so
// the README's queries, recommendations and `predict` examples answer on a new machine. Both are ordinary pipeline runs (on a worker when there is a queue); serving
// never waits for them, and each step says in one log line what it did, or why it did nothing.
import { systemActor } from './access/index.js';
import type { App } from './compose.js';
import type { PipelineRunRecord, PipelineService } from './modules/pipeline/index.js';
import { FORECAST_MODEL } from './modules/okrs/index.js';
import { ENCODER_MODEL, type RecommendSummary } from './modules/recommendations/index.js';

export const DEMO_MODEL = 'repo-language';

/** The run as recorded once it ended (its change stream ends with the run). */
async function ended(pipeline: PipelineService, runId: string): Promise<PipelineRunRecord> {
  let last: PipelineRunRecord | undefined;
  for await (const run of pipeline.watch(runId)) last = run;
  return last ?? pipeline.get(runId);
}

async function hasChampion(app: App, model: string): Promise<boolean> {
  return (await app.modules.get('registry').aliases.findTarget(model, 'champion')) !== null;
}

interface SampleResult {
  totals?: { inserted?: number; updated?: number; rejected?: number };
  files?: Array<{ kind: string; read: number }>;
  durationMs?: number;
}

/** What the first start does, it does as the system (recorded as "first start"). */
const FIRST_START = systemActor('first start');

async function importSample(app: App): Promise<boolean> {
  const { logger, config } = app;
  const { importer, runs } = app.modules.get('import');
  if (!(await importer.isCatalogEmpty())) {
    logger.info(
      'the catalog already holds repositories: the shipped sample is not imported (mutation importSample imports it)',
    );
    return true;
  }
  const run = await runs.startSample(FIRST_START);
  logger.info({ runId: run.id, dir: config.SAMPLE_DIR }, 'empty database: importing the shipped sample');
  const done = await ended(app.modules.get('pipeline').pipeline, run.id);
  if (done.status !== 'SUCCEEDED') {
    logger.error({ runId: run.id, status: done.status, error: done.error }, 'the shipped sample was not imported');
    return false;
  }
  const result = (done.result ?? {}) as SampleResult;
  const read = Object.fromEntries((result.files ?? []).map((file) => [file.kind, file.read]));
  logger.info(
    { runId: run.id, ...read, rejected: result.totals?.rejected ?? 0, durationMs: result.durationMs },
    `shipped sample imported: ${read['repos'] ?? 0} repositories, ${read['users'] ?? 0} users, ` +
      `${read['contributions'] ?? 0} contributions in ${((result.durationMs ?? 0) / 1000).toFixed(1)} s`,
  );
  return true;
}

async function trainDemoModel(app: App): Promise<void> {
  const { logger } = app;
  if (await hasChampion(app, DEMO_MODEL)) return;
  if (await app.modules.get('import').importer.isCatalogEmpty()) {
    logger.info(`the catalog is empty: ${DEMO_MODEL} is not trained (import data, then mutation trainModel)`);
    return;
  }
  const run = await app.modules.get('training').training.start({ model: DEMO_MODEL, promote: true }, FIRST_START);
  logger.info({ runId: run.id }, `no ${DEMO_MODEL} champion: training one on the catalog so predict answers`);
  const done = await ended(app.modules.get('pipeline').pipeline, run.id);
  const result = (done.result ?? {}) as { version?: number; metrics?: Record<string, unknown> };
  if (done.status === 'SUCCEEDED')
    logger.info(
      { runId: run.id, version: result.version, metrics: result.metrics },
      `${DEMO_MODEL} version ${result.version ?? '?'} trained and serving as champion`,
    );
  else logger.error({ runId: run.id, status: done.status, error: done.error }, `${DEMO_MODEL} was not trained`);
}

/**
 * Computes recommendations (a RECOMMEND run: embeds what is not embedded yet, learns a ranker when the registry has
 * none, scores and publishes), so `similar`, search and `User.recommendations` answer on a fresh start.
 */
async function recommend(app: App, trainEncoder = false): Promise<void> {
  const { pipeline } = app.modules.get('pipeline');
  const run = await app.modules.get('recommendations').runs.start({ trainEncoder }, FIRST_START);
  const done = await ended(pipeline, run.id);
  const result = (done.result ?? {}) as Partial<RecommendSummary>;
  if (done.status === 'SUCCEEDED')
    app.logger.info(
      { runId: run.id, encoder: result.encoder, ranker: result.ranker, scored: result.scored, copied: result.copied },
      `recommendations published for ${result.published ?? 0} users (repositories embedded: ` +
        `${result.repositories?.embedded ?? 0}, encoder ${result.encoder ?? '?'}` +
        `${result.encoderTraining ? ' trained now' : ''}, ranker ${result.ranker ?? '?'})`,
    );
  else app.logger.error({ runId: run.id, status: done.status, error: done.error }, 'recommendations were not computed');
}

/** Demo objectives for the sample's users (when there are no objectives) and a kr-forecast champion to forecast them. */
async function demoOkrs(app: App): Promise<void> {
  const { logger } = app;
  const demo = await app.modules.get('okrs').seedDemo();
  if (demo)
    logger.info(
      { ...demo },
      `demo OKRs written: ${demo.objectives} objectives with ${demo.keyResults} key results and ${demo.checkIns} ` +
        `synthetic check-ins in ${demo.period} (owners: ${demo.owners.slice(0, 3).join(', ')}, …)`,
    );
  else logger.info('objectives exist already (or no users): no demo OKRs written');
  if (await hasChampion(app, FORECAST_MODEL)) return;
  const run = await app.modules.get('training').training.start({ model: FORECAST_MODEL, promote: true }, FIRST_START);
  logger.info({ runId: run.id }, `no ${FORECAST_MODEL} champion: training one on synthetic histories`);
  const done = await ended(app.modules.get('pipeline').pipeline, run.id);
  const result = (done.result ?? {}) as { version?: number; metrics?: { auc?: number; brier?: number } };
  if (done.status === 'SUCCEEDED')
    logger.info(
      { runId: run.id, version: result.version, auc: result.metrics?.auc, brier: result.metrics?.brier },
      `${FORECAST_MODEL} version ${result.version ?? '?'} trained (held-out AUC ${result.metrics?.auc ?? '?'})`,
    );
  else logger.error({ runId: run.id, status: done.status, error: done.error }, `${FORECAST_MODEL} was not trained`);
}

/** Runs in the background of a started server: it never throws (a failure is logged, serving goes on). */
export async function firstStart(app: App): Promise<void> {
  if (app.config.SAMPLE_IMPORT === 'off') {
    app.logger.info('SAMPLE_IMPORT=off: the shipped sample and the demo model are left to you');
    return;
  }
  try {
    if (await importSample(app)) {
      await demoOkrs(app);
      await recommend(app);
      await trainDemoModel(app);
      // Served meanwhile by the hashing encoder; the trained one replaces it when its run publishes (~2 min).
      if (!(await hasChampion(app, ENCODER_MODEL))) {
        app.logger.info(`no ${ENCODER_MODEL} champion: training one on the catalog, then recommending again`);
        await recommend(app, true);
      }
    }
  } catch (error) {
    app.logger.error({ err: error }, 'first start: could not import, recommend or train on the sample');
  }
}
