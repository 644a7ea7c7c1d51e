// `npm run ingest -- --repos owner/name,... | --owner LOGIN | --query Q [options]`: ingests repositories (topics,
// languages, top contributors) and user profiles from GitHub's REST API into the configured database, as a recorded
// GITHUB_INGEST pipeline run, through the same wiring as the server (compose).
// Exit codes: 0 the run succeeded (rejected records are reported, not failures), 1 the run failed, 2 bad arguments.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { isAppError } from '../errors.js';
import { createGithubApi } from '../infra/github/index.js';
import { createLogger } from '../logger.js';
import {
  IngestService,
  parseIngestRequest,
  requestParams,
  type IngestRequest,
  type IngestSummary,
} from '../modules/ingest/index.js';
import { printIngestReport } from './ingest-report.js';
import { tee, terminalDisplay } from './progress-display.js';
import { unsuccessfulRunLine } from './run-outcome.js';

const USAGE = `Usage: npm run ingest -- (--repos OWNER/NAME[,...] | --owner LOGIN | --query QUERY) [options]

Fetches repositories from GitHub (GITHUB_API_URL, token from GITHUB_TOKEN) with their topics, languages and top
contributors, and their owners' profiles, into the configured database. Requests are conditional: what did not
change since the last run costs no rate limit and is not rewritten. Bad records are reported and skipped.

  --repos LIST           repositories by full name, comma-separated (may be repeated)
  --owner LOGIN          a user's or organization's public repositories
  --query QUERY          a repository search, e.g. "language:go stars:>1000"
  --max N                at most N repositories from --owner or --query (1 to 1000, default 100)
  --contributors N       top contributors per repository (1 to 100, default 10)
  --no-contributors      do not fetch contributors
  --profiles SCOPE       whose profiles to fetch: none, owners (default) or all (owners and contributors)
  --since DATE           only repositories pushed since DATE (ISO 8601, e.g. 2024-01-31)
  --incremental          only repositories pushed since the last successful run of the same source
  -h, --help             this text`;

const PROFILE_OPTIONS: Record<string, string> = { none: 'NONE', owners: 'OWNERS', all: 'OWNERS_AND_CONTRIBUTORS' };

class UsageError extends Error {}

type Command = { kind: 'help' } | { kind: 'ingest'; request: IngestRequest };

function parseCommand(argv: string[]): Command {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        repos: { type: 'string', multiple: true },
        owner: { type: 'string' },
        query: { type: 'string' },
        max: { type: 'string' },
        contributors: { type: 'string' },
        'no-contributors': { type: 'boolean' },
        profiles: { type: 'string' },
        since: { type: 'string' },
        incremental: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: 'help' };
  const number = (name: string) => {
    const text = values[name];
    if (typeof text !== 'string') return undefined;
    if (!/^\d+$/.test(text.trim())) throw new UsageError(`--${name}: expected a whole number, got "${text}"`);
    return Number(text);
  };
  const profiles = values.profiles;
  if (typeof profiles === 'string' && !PROFILE_OPTIONS[profiles]) {
    throw new UsageError(`--profiles: expected none, owners or all, got "${profiles}"`);
  }
  if (values['no-contributors'] && values.contributors !== undefined) {
    throw new UsageError('--contributors cannot be combined with --no-contributors');
  }
  const repos = values.repos as string[] | undefined;
  const input = {
    fullNames: repos
      ?.flatMap((list) => list.split(','))
      .map((name) => name.trim())
      .filter(Boolean),
    owner: values.owner,
    query: values.query,
    maxRepositories: number('max'),
    contributorsPerRepository: number('contributors'),
    includeContributors: values['no-contributors'] ? false : undefined,
    profiles: typeof profiles === 'string' ? PROFILE_OPTIONS[profiles] : undefined,
    refreshSince: values.since,
    incremental: values.incremental,
  };
  try {
    return { kind: 'ingest', request: parseIngestRequest(input) };
  } catch (error) {
    // The service's messages name its input fields; the options read better here.
    if (isAppError(error)) throw new UsageError(error.message.replace(/^Invalid ingestFromGithub input: /, ''));
    throw error;
  }
}

async function main(argv: string[]): Promise<number> {
  const config = loadConfig();
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`ingest: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { request } = command;
  if (!config.GITHUB_TOKEN) {
    process.stderr.write(
      'ingest: warning: GITHUB_TOKEN is not set: GitHub allows 60 unauthenticated requests an hour. ' +
        'Set GITHUB_TOKEN for 5000.\n',
    );
  }

  // The progress display and the report say what info logs would; JSON lines would also tear the bars apart.
  const verbose = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
  const logger = createLogger(verbose ? config.LOG_LEVEL : 'error', { command: 'ingest' });
  // Loaded only now: the whole application takes seconds to load, which a usage error should not wait for.
  const { compose } = await import('../main.js');
  const app = await compose(config, logger);
  const ingest = new IngestService({
    db: app.db,
    pipeline: app.pipeline,
    github: createGithubApi(config, app.db.sql, logger),
    logger,
  });
  // Ctrl-C stops the run before its next request (recorded as failed; written batches stay); again exits at once.
  const interrupt = () => {
    process.stderr.write('\ningest: stopping (Ctrl-C again to exit now)\n');
    process.once('SIGINT', () => process.exit(130));
    void app.pipeline.shutdown();
  };
  process.once('SIGINT', interrupt);
  const display = terminalDisplay(Boolean(process.stdout.isTTY), (stage) =>
    stage === 'check' ? 'checks' : 'repositories',
  );
  try {
    const run = await app.pipeline.create('GITHUB_INGEST', requestParams(request));
    let summary: IngestSummary | undefined;
    const finished = await app.pipeline.execute(run.id, async (context) => {
      summary = await ingest.ingest(request, tee(context, display));
      return { ...summary };
    });
    display.stop();
    if (summary) printIngestReport(summary);
    if (finished.status !== 'SUCCEEDED') {
      process.stderr.write(unsuccessfulRunLine('ingest', finished));
      return 1;
    }
    process.stdout.write(`\ningest succeeded (pipeline run ${run.id})\n`);
    return 0;
  } finally {
    display.stop();
    process.off('SIGINT', interrupt);
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const prefix = error instanceof ConfigError ? 'configuration error' : 'failed';
    process.stderr.write(`ingest: ${prefix}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
