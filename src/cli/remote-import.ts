// `npm run import -- --server URL ...`: the import as a request to a running server (the importFiles mutation),
// for when that server holds the embedded database (only one process may open it) or when the files sit on the
// server's machine. Follows the run until it ends, printing its progress; Ctrl-C cancels the run.
import { resolve } from 'node:path';
import type { ImportFiles, ImportSummary } from '../modules/import/index.js';
import { unsuccessfulRunLine } from './run-outcome.js';

const START = `mutation ImportFiles($input: ImportFilesInput!) { importFiles(input: $input) { id } }`;
const FOLLOW = `query ImportRun($id: ID!) { pipelineRun(id: $id) { id status stage processed total error result } }`;
const CANCEL = `mutation CancelImport($id: ID!) { cancelPipelineRun(id: $id, reason: "Ctrl-C in npm run import") { id } }`;
const POLL_MS = 500;

interface Run {
  id: string;
  status: string;
  stage: string | null;
  processed: number;
  total: number | null;
  error: string | null;
  result: unknown;
}

async function post<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string | undefined,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new Error(`cannot reach the server at ${url}: ${(error as Error).message}; is \`npm start\` running there?`, {
      cause: error,
    });
  }
  const body = (await response.json().catch(() => null)) as {
    data?: T;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  } | null;
  const error = body?.errors?.[0];
  if (error?.extensions?.code === 'UNAUTHENTICATED' || error?.extensions?.code === 'FORBIDDEN') {
    throw new Error(
      `${error.extensions.code}: ${error.message} (pass an ADMIN token: --token or OST_GRAPH_TOKEN; ` +
        'npm run token -- --login you --role ADMIN on the server host makes one)',
    );
  }
  if (error) throw new Error(`${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
  if (!body?.data) throw new Error(`${url} answered HTTP ${response.status} without GraphQL data: is it OST Graph?`);
  return body.data;
}

/** Sends the import to the server and follows its run; resolves with the exit code (0 succeeded, 1 not). */
export async function importThroughServer(
  url: string,
  files: ImportFiles,
  report: (summary: ImportSummary) => void,
  token?: string,
): Promise<number> {
  // The server resolves relative paths from its IMPORT_DIR; the user meant this directory.
  const input = Object.fromEntries(Object.entries(files).map(([kind, path]) => [kind, resolve(path as string)]));
  const { importFiles } = await post<{ importFiles: { id: string } }>(url, START, { input }, token);
  process.stderr.write(`import: sent to ${url} as pipeline run ${importFiles.id}\n`);
  const cancel = () => {
    process.stderr.write('\nimport: cancelling the run on the server\n');
    void post(url, CANCEL, { id: importFiles.id }, token).catch(() => undefined);
  };
  process.once('SIGINT', cancel);
  try {
    let last = '';
    for (;;) {
      const { pipelineRun: run } = await post<{ pipelineRun: Run }>(url, FOLLOW, { id: importFiles.id }, token);
      const line = `${run.stage ?? run.status.toLowerCase()}: ${run.processed}${run.total == null ? '' : `/${run.total}`}`;
      if (line !== last) process.stderr.write(`${line}\n`);
      last = line;
      if (!['QUEUED', 'RUNNING'].includes(run.status)) {
        if (run.result) report(run.result as ImportSummary);
        if (run.status === 'SUCCEEDED') {
          process.stdout.write(`\nimport succeeded (pipeline run ${run.id})\n`);
          return 0;
        }
        process.stderr.write(unsuccessfulRunLine('import', run));
        return 1;
      }
      await new Promise((done) => setTimeout(done, POLL_MS));
    }
  } finally {
    process.off('SIGINT', cancel);
  }
}
