// Runs the real import CLI (`node --import tsx src/cli/import.ts ...`) as a child process and watches it from
// outside: memory and CPU from /proc every 100 ms, progress from the lines the CLI prints when its output is not a
// terminal ("users: 98063 lines", "users: 9800/98063 (10%)", "users: 98063 lines in 5.0s").
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sampleProcess, type ProcSample } from './proc-sampler.js';

export interface ProgressPoint {
  /** Milliseconds since the child was started. */
  readonly t: number;
  readonly stage: string;
  readonly event: 'start' | 'progress' | 'end';
  /** Lines of this stage's file processed so far. */
  readonly processed: number;
  readonly total: number;
  /** Lines of all files processed so far. */
  readonly cumulative: number;
  /** The latest memory sample at that moment. */
  readonly rssKiB: number;
}

/** A full (mark-compact) garbage collection, from --trace-gc: what the JS heap really holds at that moment. */
export interface FullGc {
  readonly t: number;
  /** Lines of all files processed when it ran. */
  readonly cumulative: number;
  readonly usedBeforeMB: number;
  /** Live objects: the heap used after the collection. */
  readonly liveAfterMB: number;
  /** Heap memory V8 keeps committed after the collection (part of RSS). */
  readonly committedAfterMB: number;
}

export interface ChildRun {
  readonly exitCode: number | null;
  readonly wallMs: number;
  readonly samples: readonly ProcSample[];
  readonly progress: readonly ProgressPoint[];
  readonly fullGcs: readonly FullGc[];
  readonly runId: string | undefined;
  readonly output: string;
}

export interface ChildOptions {
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly intervalMs?: number;
  /** Extra node flags (e.g. --heapsnapshot-signal=SIGUSR2 when investigating memory). */
  readonly nodeFlags?: readonly string[];
  readonly onLine?: (line: string) => void;
  /** Called on every progress line, with the child's pid (to signal it, e.g. for a heap snapshot). */
  readonly onProgress?: (point: ProgressPoint, pid: number) => void;
}

const START = /^(\w+): (\d+|\?) lines$/;
const PROGRESS = /^(\w+): (\d+)\/(\d+) \(\d+%\)$/;
const END = /^(\w+): (\d+) lines in [\d.]+s$/;
// "[pid:0x…]  6380 ms: Mark-Compact 290.4 (371.8) -> 61.1 (254.8) MB, …"
const MARK_COMPACT = /Mark-Compact(?: \(reduce\))? ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/;
const SUCCEEDED = /pipeline run ([0-9a-f-]{36})\)/;

export async function runImportChild(options: ChildOptions): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), '--import', 'tsx', 'src/cli/import.ts', ...options.args],
    {
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the import process');
  const sampler = sampleProcess(pid, options.intervalMs ?? 100);
  const progress: ProgressPoint[] = [];
  const output: string[] = [];
  const fullGcs: FullGc[] = [];
  let finishedLines = 0; // lines of the stages already ended
  let current = { stage: '', total: 0 };
  let runId: string | undefined;

  const record = (stage: string, event: ProgressPoint['event'], processed: number, total: number) => {
    const point: ProgressPoint = {
      t: performance.now() - started,
      stage,
      event,
      processed,
      total,
      cumulative: finishedLines + processed,
      rssKiB: sampler.latest()?.rssKiB ?? 0,
    };
    progress.push(point);
    options.onProgress?.(point, pid);
  };
  const onLine = (line: string) => {
    output.push(line);
    options.onLine?.(line);
    let match: RegExpExecArray | null;
    if ((match = START.exec(line))) {
      current = { stage: match[1] ?? '', total: Number(match[2]) || 0 };
      record(current.stage, 'start', 0, current.total);
    } else if ((match = PROGRESS.exec(line))) {
      record(match[1] ?? '', 'progress', Number(match[2]), Number(match[3]));
    } else if ((match = END.exec(line))) {
      record(match[1] ?? '', 'end', Number(match[2]), current.total);
      finishedLines += Number(match[2]);
    } else if ((match = MARK_COMPACT.exec(line))) {
      fullGcs.push({
        t: performance.now() - started,
        cumulative: progress.at(-1)?.cumulative ?? 0,
        usedBeforeMB: Number(match[1]),
        liveAfterMB: Number(match[3]),
        committedAfterMB: Number(match[4]),
      });
    } else if ((match = SUCCEEDED.exec(line))) {
      runId = match[1];
    }
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', (line) => {
    output.push(line);
    options.onLine?.(line);
  });

  let wallMs = 0;
  // 'close' (not 'exit'): every line the child wrote has been read by then.
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => (wallMs = performance.now() - started));
    child.once('close', (code) => resolve(code));
  });
  return { exitCode, wallMs, samples: sampler.stop(), progress, fullGcs, runId, output: output.join('\n') };
}
