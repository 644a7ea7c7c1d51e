// `npm run import -- --repos F --users F ...`: imports GitHub catalog files (JSON Lines, plain or gzip) into the
// configured database as a recorded pipeline run of kind IMPORT, through the same wiring as the server (compose).
// Exit codes: 0 the run succeeded (rejected lines are reported, not failures), 1 the run failed, 2 bad arguments.
import { operatorToken } from './operator-token.js';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compose } from '../compose.js';
import { SAMPLE_FILES, type ImportFiles, type ImportSummary } from '../modules/import/index.js';
import { commandLogger, parseOptions, runCommand, UsageError } from './command-entry.js';
import { seconds, tee, terminalDisplay } from './progress-display.js';
import { importThroughServer } from './remote-import.js';
import { runPipelineCommand } from './run-command.js';

const USAGE = `Usage: npm run import -- [--topics FILE] [--users FILE] [--repos FILE] [--provenance FILE] [--contributions FILE]
       npm run import -- --sample [DIR]
       npm run import -- --server URL [file options]

Imports JSON Lines files (gzip or plain) into the configured database (DATABASE_URL, or the embedded one in
DATA_DIR), in the order topics, users, repos, provenance, contributions. Re-running an import is safe: rows that
did not change are left alone. Bad lines are skipped and listed.

  --topics FILE          featured topics (github/explore)
  --users FILE           users and organisations
  --repos FILE           repositories (owners and topic names they mention get rows of their own)
  --provenance FILE      provenance fields of repositories already imported (pushedAt, openIssues, githubId, ...)
  --contributions FILE   user → repository contributions (users and repositories must already exist)
  --sample [DIR]         the sample directory (default: SAMPLE_DIR, ./data/sample)
  --server URL           send the import to a running server (its importFiles mutation) instead of opening the
                         database here: needed while \`npm start\` serves the embedded database (one process may
                         open it). The server reads the files itself, only inside its IMPORT_DIR (default ./data).
                         Example: --server http://localhost:4000/graphql
  --token TOKEN          with --server: an ADMIN bearer token (default: OST_GRAPH_TOKEN, else one signed here
                         with this host's secret, JWT_SECRET or DATA_DIR's, as an operator of that server would)
  -h, --help             this text`;

const FILE_OPTIONS = [
  'topics',
  'users',
  'repos',
  'provenance',
  'contributions',
] as const satisfies readonly (keyof ImportFiles)[];
const BAD_LINES_SHOWN = 20;

type Command =
  | { kind: 'help' }
  | { kind: 'files'; files: ImportFiles; server: string | undefined; token: string | undefined }
  | { kind: 'sample'; dir: string | undefined; server: string | undefined; token: string | undefined };

function parseCommand(argv: string[]): Command {
  // `--sample` takes an optional directory, which parseArgs cannot express: an absent value becomes "".
  const args = argv.flatMap((arg, i) =>
    arg === '--sample' && (argv[i + 1] ?? '--').startsWith('-') ? ['--sample='] : [arg],
  );
  const values = parseOptions(args, {
    ...Object.fromEntries(FILE_OPTIONS.map((name) => [name, { type: 'string' as const }])),
    sample: { type: 'string' },
    server: { type: 'string' },
    token: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { kind: 'help' };
  const server = typeof values.server === 'string' ? serverUrl(values.server) : undefined;
  const token = typeof values.token === 'string' ? values.token : undefined;
  if (token !== undefined && !server) throw new UsageError('--token goes with --server');
  const files: ImportFiles = Object.fromEntries(
    FILE_OPTIONS.flatMap((name) => (typeof values[name] === 'string' ? [[name, values[name]]] : [])),
  );
  if (typeof values.sample === 'string') {
    if (Object.keys(files).length > 0) throw new UsageError('--sample cannot be combined with file options');
    return { kind: 'sample', dir: values.sample === '' ? undefined : values.sample, server, token };
  }
  if (Object.keys(files).length === 0)
    throw new UsageError('nothing to import: give --sample or at least one file option');
  return { kind: 'files', files, server, token };
}

function serverUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // reported below
  }
  throw new UsageError(`--server: "${value}" is not an http(s) URL; e.g. http://localhost:4000/graphql`);
}

async function assertFilesExist(files: ImportFiles): Promise<void> {
  for (const [name, path] of Object.entries(files) as [keyof ImportFiles, string][]) {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new UsageError(`--${name}: no such file: ${path}`);
  }
}

function printReport(summary: ImportSummary): void {
  const out: string[] = [];
  for (const file of summary.files) {
    if (file.rejected === 0) continue;
    out.push('', `${file.kind}: ${file.rejected} bad line(s) skipped`);
    for (const r of file.rejections.slice(0, BAD_LINES_SHOWN)) out.push(`  ${r.file}:${r.line}: ${r.reason}`);
    if (file.rejected > BAD_LINES_SHOWN) out.push(`  ... and ${file.rejected - BAD_LINES_SHOWN} more`);
  }
  const header = ['stage', 'read', 'inserted', 'updated', 'unchanged', 'duplicates', 'rejected', 'time'];
  const rows = [
    ...summary.files.map((f) => [
      f.kind,
      f.read,
      f.inserted,
      f.updated,
      f.unchanged,
      f.duplicates,
      f.rejected,
      seconds(f.durationMs),
    ]),
    [
      'total',
      ...(['read', 'inserted', 'updated', 'unchanged', 'duplicates', 'rejected'] as const).map(
        (k) => summary.totals[k],
      ),
      seconds(summary.durationMs),
    ],
  ].map((row) => row.map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  out.push(
    '',
    line(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...rows.slice(0, -1).map(line),
    line(rows.at(-1) ?? []),
  );
  const { owners, topics } = summary.derived;
  if (owners + topics > 0) out.push(`also created: ${owners} owner user(s), ${topics} topic(s) named on repositories`);
  process.stdout.write(`${out.join('\n')}\n`);
}

interface ImportRequest {
  files: ImportFiles;
  /** Set: send the import to this server instead of opening the database here. */
  server: string | undefined;
  token: string | undefined;
}

/** The files to import, or 'help'; throws UsageError when the arguments are wrong. */
async function requestFrom(argv: string[], defaultSampleDir: string): Promise<ImportRequest | 'help'> {
  const command = parseCommand(argv);
  if (command.kind === 'help') return 'help';
  const sampleDir = command.kind === 'sample' ? (command.dir ?? defaultSampleDir) : '';
  const files: ImportFiles =
    command.kind === 'files'
      ? command.files
      : Object.fromEntries(Object.entries(SAMPLE_FILES).map(([kind, name]) => [kind, join(sampleDir, name)]));
  await assertFilesExist(files);
  return { files, server: command.server, token: command.token };
}

runCommand<ImportRequest>({
  name: 'import',
  usage: USAGE,
  parse: (argv, config) => requestFrom(argv, config.SAMPLE_DIR),
  run: async ({ files, server, token }, config) => {
    if (server) return importThroughServer(server, files, printReport, await operatorToken(config, token));
    const app = await compose(config, commandLogger(config, 'import'));
    return runPipelineCommand(app, {
      command: 'import',
      // Ctrl-C stops the run at the next batch boundary. A repeat within two seconds is the same Ctrl-C: tsx
      // re-sends a signal the child did not acknowledge within 30 ms, which happens whenever a batch keeps the event
      // loop busy (PGlite runs queries on this thread).
      stopping: 'stopping after the current batch (Ctrl-C again to exit now)',
      repeatedInterruptMs: 2_000,
      kind: 'IMPORT',
      params: { files },
      display: (run) => tee(run, terminalDisplay(Boolean(process.stdout.isTTY), 'lines')),
      work: (progress) => app.modules.get('import').importer.importFiles(files, progress),
      report: (summary) => printReport(summary),
    });
  },
});
