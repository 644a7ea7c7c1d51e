// The process side every CLI command shares: read the configuration, parse the arguments (usage errors exit 2
// before anything is opened, --help exits 0), run, and exit with the command's code; anything thrown exits 1 with
// one line naming the command.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';

/** Wrong arguments: exit 2 with the message, followed by the usage unless the message says all there is to fix. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

/** The option values in `argv` (no positionals); an unknown option or a missing value is a UsageError. */
export function parseOptions(
  argv: string[],
  options: ParseArgsOptionsConfig,
): Record<string, string | boolean | (string | boolean)[] | undefined> {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export interface CommandEntry<Args> {
  /** First on every line the command writes to stderr ("import: ..."). */
  name: string;
  usage: string;
  /** The arguments as the command needs them, or 'help'; throws UsageError when they are wrong. */
  parse(argv: string[], config: Config): Args | 'help' | Promise<Args | 'help'>;
  /** Does the work; resolves with the exit code. */
  run(args: Args, config: Config): Promise<number>;
}

async function main<Args>(entry: CommandEntry<Args>, argv: string[]): Promise<number> {
  const config = loadConfig();
  let args: Args | 'help';
  try {
    args = await entry.parse(argv, config);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const usage = error.showUsage ? `\n\n${entry.usage}` : '';
    process.stderr.write(`${entry.name}: ${error.message}${usage}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${entry.usage}\n`);
    return 0;
  }
  return entry.run(args, config);
}

/** Runs the command on this process's arguments and exits with its code. */
export function runCommand<Args>(entry: CommandEntry<Args>): void {
  main(entry, process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const prefix = error instanceof ConfigError ? 'configuration error' : 'failed';
      process.stderr.write(`${entry.name}: ${prefix}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

/**
 * The command's logger: errors only, unless LOG_LEVEL asks for more detail (debug, trace). A command's progress
 * display and summary say what info logs would; JSON lines would also tear its progress bars apart.
 */
export function commandLogger(config: Config, name: string): Logger {
  const verbose = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
  return createLogger(verbose ? config.LOG_LEVEL : 'error', { command: name });
}
