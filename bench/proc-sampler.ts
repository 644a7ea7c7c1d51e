// Samples another process's memory and CPU from outside, through /proc (Linux): the numbers are the real
// process's, not an estimate it reports about itself. VmRSS is resident memory now; VmHWM is its peak so far
// (the kernel's high-water mark, so a spike between two samples is still caught by the next one).
import { readFileSync } from 'node:fs';

export interface ProcSample {
  /** Milliseconds since sampling started. */
  readonly t: number;
  readonly rssKiB: number;
  readonly hwmKiB: number;
  /** User + system CPU time of the process so far. */
  readonly cpuMs: number;
}

export interface ProcSampler {
  readonly samples: readonly ProcSample[];
  /** The most recent sample, if any was taken. */
  latest(): ProcSample | undefined;
  /** Takes a last sample (when the process is still there) and stops. */
  stop(): readonly ProcSample[];
}

// USER_HZ: the unit of utime/stime in /proc/<pid>/stat. 100 on every mainstream Linux architecture.
const CLOCK_TICKS_PER_SECOND = 100;

function kib(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/** One reading, or undefined once the process is gone. */
export function readProc(pid: number): Omit<ProcSample, 't'> | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    // Fields after the command name, which sits in parentheses and may itself hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the whole line)
    return {
      rssKiB: kib(status, 'VmRSS'),
      hwmKiB: kib(status, 'VmHWM'),
      cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND,
    };
  } catch {
    return undefined;
  }
}

export function sampleProcess(pid: number, intervalMs = 100): ProcSampler {
  const started = performance.now();
  const samples: ProcSample[] = [];
  const take = () => {
    const reading = readProc(pid);
    // A zombie (exited, not yet reaped) has no VmRSS line: keep only readings of a live process.
    if (reading && reading.rssKiB > 0) samples.push({ t: performance.now() - started, ...reading });
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    samples,
    latest: () => samples.at(-1),
    stop() {
      take();
      clearInterval(timer);
      return samples;
    },
  };
}
