// `npm run ingest -- --repos owner/name,... | --owner LOGIN | --query Q [options]`: ingests repositories (topics,
// languages, top contributors) and user profiles from GitHub's REST API into the configured database, as a recorded
// GITHUB_INGEST pipeline run, through the same wiring as the server (compose).
// Exit codes: 0 the run succeeded (rejected records are reported, not failures), 1 the run failed, 2 bad arguments.
import 'reflect-metadata';
import { isAppError } from '../errors.js';
import { parseIngestRequest, requestParams, type IngestRequest } from '../modules/ingest/index.js';
import { commandLogger, parseOptions, runCommand, UsageError } from './command-entry.js';
import { printIngestReport } from './ingest-report.js';
import { tee, terminalDisplay } from './progress-display.js';
import { runPipelineCommand } from './run-command.js';

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

function parseRequest(argv: string[]): IngestRequest | 'help' {
  const values = parseOptions(argv, {
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
  });
  if (values.help) return 'help';
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
    return parseIngestRequest(input);
  } catch (error) {
    // The service's messages name its input fields; the options read better here.
    if (isAppError(error)) throw new UsageError(error.message.replace(/^Invalid ingestFromGithub input: /, ''));
    throw error;
  }
}

runCommand<IngestRequest>({
  name: 'ingest',
  usage: USAGE,
  parse: parseRequest,
  run: async (request, config) => {
    if (!config.GITHUB_TOKEN) {
      process.stderr.write(
        'ingest: warning: GITHUB_TOKEN is not set: GitHub allows 60 unauthenticated requests an hour. ' +
          'Set GITHUB_TOKEN for 5000.\n',
      );
    }
    const logger = commandLogger(config, 'ingest');
    // Loaded only now: the whole application takes seconds to load, which a usage error should not wait for.
    const { compose } = await import('../compose.js');
    const app = await compose(config, logger);
    return runPipelineCommand(app, {
      command: 'ingest',
      // Ctrl-C stops the run before its next request (written batches stay).
      stopping: 'stopping (Ctrl-C again to exit now)',
      kind: 'GITHUB_INGEST',
      params: requestParams(request),
      display: (run) =>
        tee(
          run,
          terminalDisplay(Boolean(process.stdout.isTTY), (stage) => (stage === 'check' ? 'checks' : 'repositories')),
        ),
      work: (progress) => app.modules.get('ingest').ingest.ingest(request, progress),
      report: (summary) => printIngestReport(summary),
    });
  },
});
