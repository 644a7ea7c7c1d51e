// `npm run recommend [-- --full] [-- --train-encoder]`: a RECOMMEND run in this process, on the configured database (the server's
// wiring, through compose): embeds what changed, scores every user with a contribution and publishes the lists,
// with progress on the terminal. Exits when done: 0 published, 1 the run failed (the published lists unchanged).
import { compose } from '../compose.js';
import type { RunHandle } from '../modules/pipeline/index.js';
import type { RecommendSummary } from '../modules/recommendations/index.js';
import { commandLogger, parseOptions, runCommand } from './command-entry.js';
import { seconds, tee, terminalDisplay } from './progress-display.js';
import { runPipelineCommand } from './run-command.js';

const USAGE = `Usage: npm run recommend [-- --full] [-- --train-encoder]

Computes recommendations on the configured database (DATABASE_URL, or the embedded one in DATA_DIR): embeds new
or changed repositories and users, learns and registers a ranker when the registry has none, scores every user
with at least one contribution and publishes the top 50 of each at once. Users whose inputs did not change keep
their lists (copied) unless --full is given. Readers see the previous lists until the run completes.

  --full            score every user again
  --train-encoder   first train a text encoder on the catalog (registered as "text-encoder", made the champion),
                    learn the ranker again with it, and embed everything anew
  -h, --help        this text`;

const UNITS: Record<string, string> = {
  encoder: 'steps',
  repositories: 'repositories',
  users: 'users',
  score: 'users',
};

interface RecommendRequest {
  full?: boolean;
  trainEncoder?: boolean;
}

runCommand<RecommendRequest>({
  name: 'recommend',
  usage: USAGE,
  parse: (argv) => {
    const values = parseOptions(argv, {
      full: { type: 'boolean' },
      'train-encoder': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return 'help';
    return {
      ...(values.full ? { full: true } : {}),
      ...(values['train-encoder'] ? { trainEncoder: true } : {}),
    };
  },
  run: async (request, config) => {
    const app = await compose(config, commandLogger(config, 'recommend'));
    const started = Date.now();
    let handle: RunHandle | undefined; // the run's id and logger, for the handler (the display carries the rest)
    return runPipelineCommand(app, {
      command: 'recommend',
      runName: 'recommendations',
      stopping: 'stopping after the current batch (the published lists stay as they are)',
      kind: 'RECOMMEND',
      params: { ...request },
      display: (run) => {
        handle = run;
        return tee(
          run,
          terminalDisplay(Boolean(process.stdout.isTTY), (stage) => UNITS[stage] ?? 'items'),
        );
      },
      work: (progress) =>
        app.modules.get('recommendations').runs.run(request, { ...progress, runId: handle!.runId, log: handle!.log }),
      report: (result: RecommendSummary, succeeded) => {
        if (!succeeded) return;
        process.stdout.write(
          `\n${result.published} users have recommendations (${result.scored} scored, ${result.copied} unchanged and ` +
            `copied; encoder ${result.encoder}${result.encoderTraining ? ', trained now' : ''}; ranker ${result.ranker}${result.rankerLearned ? ', learned now' : ''}); repositories ` +
            `embedded ${result.repositories.embedded}, users embedded ${result.users.embedded}; ` +
            `${seconds(Date.now() - started)}\n`,
        );
      },
    });
  },
});
